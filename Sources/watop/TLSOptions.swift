import ArgumentParser
import WatopServer
import WatopTransport

/// `--tls-cert` and `--tls-key`: HTTPS without a proxy in front.
struct TLSOptions: ParsableArguments {
    @Option(
        name: .customLong("tls-cert"),
        help: "Serve HTTPS with this PEM certificate (the chain may follow it); renewed on SIGUSR1 or when the file changes.")
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var key: String?

    func validate() throws {
        if (certificate == nil) != (key == nil) { throw ValidationError("--tls-cert and --tls-key go together: give both or neither") }
    }

    /// The certificate, read once; nil without `--tls-cert`.
    func load() throws -> ServerCertificate? {
        guard let certificate, let key else { return nil }
        do {
            return try ServerCertificate(certificatePath: certificate, keyPath: key)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
