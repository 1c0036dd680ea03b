#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


extension UnixTime {
    /// The wall clock now. Parsing and aggregation take times as arguments, so tests stay
    /// deterministic; only the edges (listener, simulator) call this.
    public static func now() -> UnixTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UnixTime(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}
