import Testing

@testable import watop

@Suite struct StoreArgumentTests {
    @Test func storeAloneTakesTheDefaultPath() {
        #expect(StoreArgument.expanded(["--store"], defaultPath: "/d/h.sqlite") == ["--store", "/d/h.sqlite"])
        #expect(
            StoreArgument.expanded(["--store", "--headless"], defaultPath: "/d/h.sqlite")
                == ["--store", "/d/h.sqlite", "--headless"])
        #expect(StoreArgument.expanded(["--store", "x.sqlite"], defaultPath: "/d") == ["--store", "x.sqlite"])
        #expect(StoreArgument.expanded(["--store=x.sqlite"], defaultPath: "/d") == ["--store=x.sqlite"])
        #expect(StoreArgument.expanded(["--headless"], defaultPath: "/d") == ["--headless"])
        #expect(StoreArgument.expanded(["--store", "status:failed"], defaultPath: "/d") == ["--store", "/d", "status:failed"])
        #expect(StoreArgument.expanded(["--store", "price>0"], defaultPath: "/d") == ["--store", "/d", "price>0"])
        #expect(StoreArgument.expanded(["--store", "./h.sqlite"], defaultPath: "/d") == ["--store", "./h.sqlite"])
        #expect(
            StoreArgument.expanded(["--store", "postgres://w@h/db"], defaultPath: "/d") == ["--store", "postgres://w@h/db"])
    }

    @Test func sizesReadTheirUnitsInPowersOf1024() {
        #expect(ByteSize(argument: "4096")?.bytes == 4096)
        #expect(ByteSize(argument: "4KB")?.bytes == 4096)
        #expect(ByteSize(argument: "500mb")?.bytes == 500 << 20)
        #expect(ByteSize(argument: "2GiB")?.bytes == 2 << 30)
        #expect(ByteSize(argument: "2 GB") == nil)
        #expect(ByteSize(argument: "GB") == nil)
        #expect(ByteSize(argument: "-1") == nil)
        #expect(ByteSize(argument: "99999999999999TB") == nil)
        #expect(ByteSize(bytes: 2 << 30).defaultValueDescription == "2GB")
        #expect(ByteSize(bytes: 1000).defaultValueDescription == "1000")
    }
}
