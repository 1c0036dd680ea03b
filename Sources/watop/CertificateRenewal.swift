import Dispatch
import WatopTransport

#if canImport(Glibc)
import Glibc
#endif

/// Picks up a renewed certificate without a restart: on SIGUSR1 (SIGHUP already ends the
/// dashboard, as it ends most terminal programs), and when the files change, looked at every
/// two seconds; a stat of two files is cheaper than a watch that must follow renames over them.
final class CertificateRenewal {
    private let signalSource: any DispatchSourceSignal
    private let timer: any DispatchSourceTimer

    static let checkInterval = DispatchTimeInterval.seconds(2)

    /// - Parameter report: told each outcome, in words.
    init(_ certificate: ServerCertificate, report: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "watop-certificate")
        signal(SIGUSR1, SIG_IGN)
        signalSource = DispatchSource.makeSignalSource(signal: SIGUSR1, queue: queue)
        signalSource.setEventHandler { report(Self.describe(certificate.reload(), certificate)) }
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.checkInterval, repeating: Self.checkInterval)
        timer.setEventHandler {
            if let outcome = certificate.reloadIfChanged() { report(Self.describe(outcome, certificate)) }
        }
        signalSource.resume()
        timer.resume()
    }

    func stop() {
        signalSource.cancel()
        timer.cancel()
    }

    private static func describe(_ outcome: ServerCertificate.Reload, _ certificate: ServerCertificate) -> String {
        switch outcome {
        case .renewed:
            "TLS certificate reloaded from \(certificate.certificatePath); new connections use it"
        case .keptOld(let reason):
            "TLS certificate not reloaded, the one in use is kept: \(reason)"
        }
    }
}
