#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw writes to the standard streams. C's `stdout` is a global mutable pointer that strict
/// concurrency rightly refuses; the file descriptors are what we need anyway.
enum StandardStreams {
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func writeOutput(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    static func writeError(_ text: String) { writeAll(text, to: STDERR_FILENO) }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // the reader went away (EPIPE): nothing more can be said
                }
                offset += written
            }
        }
    }
}
