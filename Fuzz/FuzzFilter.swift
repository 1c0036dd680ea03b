// libFuzzer entry point: the dashboard's filter language.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let filter = try? EventFilter(parsing: text, now: UnixTime(seconds: 1_710_000_000)) else { return 0 }
    for event in FuzzChecks.sampleEvents { _ = filter.matches(event) }
    return 0
}
