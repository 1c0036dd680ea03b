import NIOCore

/// What makes the listener speak HTTPS: given each new connection first, before HTTP. The
/// listener names no TLS library; the CLI fills this with one (swift-nio-ssl).
public protocol ConnectionSecurity: Sendable {
    /// Adds the handlers that secure `channel` at the front of its pipeline, on its event loop.
    func secure(_ channel: any Channel) throws
}
