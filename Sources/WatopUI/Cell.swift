/// One screen position: what it shows and in which role.
public struct Cell: Equatable, Sendable {
    /// One spacing character with any combining marks after it (already made safe);
    /// empty in the second column of a wide character.
    public var text: String
    public var role: StyleRole
    /// Columns the text takes: 1, 2 for a wide character, 0 for a wide character's continuation.
    public var columns: Int

    public init(text: String, role: StyleRole, columns: Int) {
        self.text = text
        self.role = role
        self.columns = columns
    }

    public static func blank(_ role: StyleRole) -> Cell { Cell(text: " ", role: role, columns: 1) }

    public var isContinuation: Bool { columns == 0 }
}
