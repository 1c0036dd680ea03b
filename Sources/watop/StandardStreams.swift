#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw writes to the standard streams. C's `stdout` is a global mutable pointer that strict
/// concurrency rightly refuses; the file descriptors are what we need anyway.
enum StandardStreams {
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func writeOutput(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    static func writeError(_ text: String) { writeAll(text, to: STDERR_FILENO) }

    static func writeOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll($0, to: STDOUT_FILENO) }
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll($0, to: descriptor) }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return  // the reader went away (EPIPE): nothing more can be said
            }
            offset += written
        }
    }
}
