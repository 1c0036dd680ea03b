// libFuzzer entry point: a POST callback's form-encoded body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzChecks.callback(RawRequest(method: "POST", target: "/callback", headers: [], body: bytes))
    return 0
}
