// libFuzzer entry point: a GET callback's query string (see scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let query = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzChecks.callback(RawRequest(method: "GET", target: "/callback?" + query, headers: [], body: []))
    return 0
}
