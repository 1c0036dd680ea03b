import Testing
import WatopCore

@testable import WatopPostgres

@Suite struct PostgresLocationTests {
    @Test func aURLGivesUserHostPortDatabaseAndTLS() throws {
        let location = try PostgresLocation(parsing: "postgres://watop@db.internal:6543/fleet?sslmode=verify-full")
        #expect(location.user == "watop" && location.host == "db.internal" && location.port == 6543)
        #expect(location.database == "fleet" && location.tls == .verifyFull)
        let defaults = try PostgresLocation(parsing: "postgresql://w@h/d")
        #expect(defaults.port == 5432 && defaults.tls == .prefer)
        #expect(defaults.description == "postgres://w@h:5432/d?sslmode=prefer")
    }

    @Test(arguments: [
        ("postgres://w:secret@h/d", "--store-password"),
        ("postgres://h/d", "names no user"),
        ("postgres://w@h", "names no database"),
        ("postgres://w@h/d?sslmode=sometimes", "sslmode=sometimes is none of"),
        ("postgres://w@h/d?application_name=x", "application_name is not understood"),
        ("mysql://w@h/d", "is no PostgreSQL URL"),
    ])
    func aURLThatCantBeUsedIsRefusedSayingWhy(url: String, reason: String) {
        #expect {
            _ = try PostgresLocation(parsing: url)
        } throws: { error in
            (error as? HistoryError)?.description.contains(reason) == true
        }
    }
}
