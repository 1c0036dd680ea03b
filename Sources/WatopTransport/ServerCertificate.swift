import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import WatopServer

#if canImport(Glibc)
import Glibc
#endif

/// The listener's certificate and key (`--tls-cert`, `--tls-key`, PEM), renewable without a
/// restart: each new connection is handed the TLS context current when it arrives, so a
/// reload changes new handshakes only and no open connection is dropped. A reload that fails
/// keeps the context in use.
public final class ServerCertificate: ConnectionSecurity {
    public let certificatePath: String
    public let keyPath: String
    private let current: NIOLockedValueBox<(context: NIOSSLContext, files: FileStamps)>

    /// Loads both files; the error says which file and what is wrong with it.
    public init(certificatePath: String, keyPath: String) throws(ServerCertificateError) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        let stamps = FileStamps(certificatePath, keyPath)
        current = NIOLockedValueBox((try Self.context(certificatePath: certificatePath, keyPath: keyPath), stamps))
    }

    public func secure(_ channel: any Channel) throws {
        let context = current.withLockedValue { $0.context }
        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
    }

    /// Loads the files again. Returns what happened, in words for the log or the screen.
    @discardableResult
    public func reload() -> Reload {
        let stamps = FileStamps(certificatePath, keyPath)
        do {
            let context = try Self.context(certificatePath: certificatePath, keyPath: keyPath)
            current.withLockedValue { $0 = (context, stamps) }
            return .renewed
        } catch {
            // Remember the files as they are, so that a broken file is reported once, not at every look.
            current.withLockedValue { $0.files = stamps }
            return .keptOld(reason: error.description)
        }
    }

    /// Reloads when either file changed since the last load; nil when neither did.
    public func reloadIfChanged() -> Reload? {
        let stamps = FileStamps(certificatePath, keyPath)
        guard current.withLockedValue({ $0.files }) != stamps else { return nil }
        return reload()
    }

    public enum Reload: Sendable, Equatable {
        case renewed
        case keptOld(reason: String)
    }

    private static func context(certificatePath: String, keyPath: String) throws(ServerCertificateError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(try read(certificatePath, option: "--tls-cert"))
        } catch let error as ServerCertificateError {
            throw error
        } catch {
            throw ServerCertificateError("--tls-cert \(certificatePath): not a PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw ServerCertificateError("--tls-cert \(certificatePath): holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: try read(keyPath, option: "--tls-key"), format: .pem)
        } catch let error as ServerCertificateError {
            throw error
        } catch {
            throw ServerCertificateError("--tls-key \(keyPath): not a PEM private key (\(error))")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw ServerCertificateError(
                "--tls-key \(keyPath) does not go with --tls-cert \(certificatePath) (\(error))")
        }
    }

    private static func read(_ path: String, option: String) throws(ServerCertificateError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ServerCertificateError("\(option) \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw ServerCertificateError("\(option) \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            guard bytes.count <= 1 << 20 else { throw ServerCertificateError("\(option) \(path): larger than 1 MiB") }
        }
    }
}

/// What tells that a file changed: its inode (a renewal tool often writes a new file and
/// renames it over the old), size and modification time.
struct FileStamps: Equatable, Sendable {
    private var stamps: [[Int]] = []

    init(_ paths: String...) {
        stamps = paths.map { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return [] }
            return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }
    }
}

/// TLS files that cannot be used, in words for the person who gave them.
public struct ServerCertificateError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
