// libFuzzer entry point: a POST callback's JSON body, and the JSON parser on its own.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? JSONParser.parse(bytes)
    FuzzChecks.callback(
        RawRequest(method: "POST", target: "/callback", headers: [("Content-Type", "application/json")], body: bytes))
    return 0
}
