import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import PostgresNIO
import WatopCore

/// One connection to the history's PostgreSQL database, for a thread of watop's own that
/// calls in and waits: made at the first call, checked (`prepare`) once made, made again after
/// any failure, and given up on when a call takes longer than `timeoutSeconds`, so that a
/// database that went away, or stopped answering, is found again by the caller's retries.
final class PostgresSession: Sendable {
    let location: PostgresLocation
    let logger = Logger(label: "watop-postgres")
    private let configuration: PostgresConnection.Configuration
    private let prepare: @Sendable (PostgresConnection, Logger) async throws -> Void
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)
    /// Connections made, for the connection's id in the client's own logs.
    private let connections = NIOLockedValueBox(0)

    /// How long one call (a batch, a page of rows, a connection) may take.
    static let timeoutSeconds = 30.0

    /// - Parameter prepare: run on each new connection before it is used (the schema's check).
    init(
        location: PostgresLocation, password: String?,
        prepare: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void
    ) throws(HistoryError) {
        self.location = location
        self.prepare = prepare
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                tls = location.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw HistoryError("cannot set up TLS for \(location): \(error)")
        }
        configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
    }

    /// Runs `body` on the connection, connecting first when there is none; a failure drops
    /// the connection, so that the next call connects again.
    func run<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) throws(HistoryError)
        -> Result
    {
        let outcome = Blocking.run(timeoutSeconds: Self.timeoutSeconds) { [self] () async throws -> Result in
            let connection = try await currentConnection()
            do {
                return try await body(connection)
            } catch {
                self.connection.withLockedValue { $0 = nil }
                try? await connection.close()
                throw error
            }
        }
        switch outcome {
        case .success(let value): return value
        case .failure(is Blocking.TimedOut):
            // A server that stopped answering: the connection is dropped and made again.
            if let stale = takeConnection() { _ = stale.close() as EventLoopFuture<Void> }
            throw HistoryError("\(location): no answer in \(Int(Self.timeoutSeconds)) s")
        case .failure(let error as HistoryError):
            throw HistoryError("\(location): \(error.description)", isPermanent: error.isPermanent)
        case .failure(let error): throw HistoryError("\(location): \(PostgresProblem.describe(error))")
        }
    }

    private func currentConnection() async throws -> PostgresConnection {
        // A query on a connection the server has closed would wait for an answer forever.
        if let connection = connection.withLockedValue({ $0 }), !connection.isClosed { return connection }
        let id = connections.withLockedValue { count in
            count += 1
            return count
        }
        let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        do {
            try await prepare(connection, logger)
        } catch {
            try? await connection.close()
            throw error
        }
        self.connection.withLockedValue { $0 = connection }
        return connection
    }

    private func takeConnection() -> PostgresConnection? {
        connection.withLockedValue { current in
            defer { current = nil }
            return current
        }
    }

    func close() {
        guard let connection = takeConnection() else { return }
        _ = Blocking.run(timeoutSeconds: Self.timeoutSeconds) { try await connection.close() }
    }
}
