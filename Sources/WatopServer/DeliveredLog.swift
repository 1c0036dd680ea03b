import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where queue mode records what it has delivered: `JOURNAL.delivered`, beside the journal, one
/// short line per settled request (`d OFFSET` delivered, `x OFFSET STATUS` set aside) and now
/// and then `w OFFSET`: every journal line before it is settled.
///
/// A start reads this file, not the journal: it goes on from the last `w` and skips the lines
/// settled after it. The file is rewritten to just that at each start, so it stays small.
/// Lines are written in batches (`flush`), once per round of answers rather than a system call
/// each: a crash before a batch is written sends those requests once more after the restart
/// (at least once); nothing is delivered twice otherwise.
struct DeliveredLog: Sendable {
    let path: String
    private let descriptor: Int32
    /// Lines not yet written.
    private var unwritten: [UInt8] = []
    /// Every journal line before this offset is settled.
    private(set) var watermark: Int64
    /// Settled lines at or after the watermark.
    private var settledAbove: Set<Int64>

    /// Opens the log of `journalPath`. Without one, queue mode starts at the journal's end:
    /// what was journaled before it was turned on is not sent to the app.
    init(journalPath: String, journalEnd: Int64) throws(JournalError) {
        path = journalPath + ".delivered"
        var watermark = journalEnd
        var settled: Set<Int64> = []
        if let data = FileManager.default.contents(atPath: path) {
            watermark = 0
            for line in data.split(separator: UInt8(ascii: "\n")) {
                let fields = line.split(separator: UInt8(ascii: " "))
                guard fields.count >= 2, let offset = Int64(String(decoding: fields[1], as: UTF8.self)) else { continue }
                switch fields[0].first {
                case UInt8(ascii: "w"): watermark = max(watermark, offset)
                case UInt8(ascii: "d"), UInt8(ascii: "x"): settled.insert(offset)
                default: continue
                }
            }
            settled = settled.filter { $0 >= watermark }
        }
        // Rewritten whole, then renamed over the old: a crash leaves one or the other.
        var compacted = "w \(watermark)\n"
        for offset in settled.sorted() { compacted += "d \(offset)\n" }
        let fresh = path + ".new"
        guard FileManager.default.createFile(atPath: fresh, contents: Data(compacted.utf8), attributes: [.posixPermissions: 0o600]),
            rename(fresh, path) == 0
        else { throw JournalError("cannot write \(path): \(String(cString: strerror(errno)))") }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw JournalError("cannot open \(path): \(String(cString: strerror(errno)))") }
        self.watermark = watermark
        settledAbove = settled
    }

    func isSettled(_ offset: Int64) -> Bool { offset < watermark || settledAbove.contains(offset) }

    mutating func delivered(_ offset: Int64) { append("d \(offset)\n", settling: offset) }

    mutating func setAside(_ offset: Int64, status: Int) { append("x \(offset) \(status)\n", settling: offset) }

    /// Everything before `offset` is settled: what was remembered below it can go.
    mutating func advance(to offset: Int64) {
        guard offset > watermark else { return }
        watermark = offset
        settledAbove = settledAbove.filter { $0 >= offset }
        write("w \(offset)\n")
    }

    /// Writes the lines settled since the last flush, in one write: one that fails only means
    /// those requests may be sent again.
    mutating func flush() {
        guard !unwritten.isEmpty else { return }
        _ = unwritten.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        unwritten.removeAll(keepingCapacity: true)
    }

    mutating func close() {
        flush()
        fsync(descriptor)
        Glibc.close(descriptor)
    }

    private mutating func append(_ text: String, settling offset: Int64) {
        settledAbove.insert(offset)
        write(text)
    }

    private mutating func write(_ text: String) {
        unwritten.append(contentsOf: text.utf8)
    }
}
