import ArgumentParser

/// An option's size in bytes, written `4096`, `64KB`, `500MB` or `2GB` (powers of 1024,
/// as `ls -h` and `du -h` count; `KiB` … `TiB` are read the same).
struct ByteSize: ExpressibleByArgument, Equatable {
    var bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        let digits = argument.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int64(digits) else { return nil }
        let unit = argument.dropFirst(digits.count).uppercased()
        let shifts = ["": 0, "B": 0, "K": 10, "KB": 10, "KIB": 10, "M": 20, "MB": 20, "MIB": 20, "G": 30, "GB": 30, "GIB": 30, "T": 40, "TB": 40, "TIB": 40]
        guard let shift = shifts[unit], number <= Int64.max >> shift else { return nil }
        bytes = number << shift
    }

    var defaultValueDescription: String {
        for (shift, unit) in [(40, "TB"), (30, "GB"), (20, "MB"), (10, "KB")] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return String(bytes)
    }
}
