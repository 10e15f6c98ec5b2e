import Testing
import SafeReplayModel
@testable import SafeReplayMobile

@Suite struct IDRemapTests {
    @Test func everyHostIDIsMappedIntoThePlayersRange() {
        let r = Recorder()
        r.meta("Home")
        let out = r.snapshot(#"[{"id":5,"type":"div","childWireframes":[{"id":-3,"type":"div"},{"id":9007199254740993,"type":"div"},{"id":10000001,"type":"div"},{"id":4611686018427387904,"type":"div"}]}]"#)
        let ids = (out.last?.snapshotWireframes ?? []).compactMap { $0["id"]?.int64Value }
        #expect(ids.count == 5)
        #expect(Set(ids).count == 5)
        #expect(ids.allSatisfy { $0 >= 10_000_000 && $0 <= (1 << 53) - 1 })
    }

    @Test func mutationsNameTheSameOutputIDs() {
        let r = Recorder()
        r.meta("Home")
        let snap = r.snapshot(#"[{"id":5,"type":"div","childWireframes":[{"id":6,"type":"text","text":"a"}]}]"#)
        let ws = snap.last?.snapshotWireframes ?? []
        let root = ws[0]["id"]?.int64Value, child = ws[1]["id"]?.int64Value
        let update = r.mutation(#""updates":[{"parentId":5,"wireframe":{"id":6,"type":"text","text":"b"}}]"#, at: t0 + 10)
        let placed = update.last?.data?["updates"]?.arrayValue?.first
        #expect(placed?["parentId"]?.int64Value == root)
        #expect(placed?["wireframe"]?["id"]?.int64Value == child)
        let removal = r.mutation(#""removes":[{"parentId":5,"id":6}]"#, at: t0 + 20)
        #expect(removal.last?.data?["removes"] == .array([.object(["parentId": .int(root!), "id": .int(child!)])]))
    }

    @Test func outputIDsAreNeverReusedWithinASession() {
        let r = Recorder()
        r.meta("Home")
        let a = r.snapshot(#"[{"id":1,"type":"div"}]"#).last?.snapshotWireframes.first?["id"]
        let b = r.snapshot(#"[{"id":1,"type":"div"}]"#, at: t0 + 5).last?.snapshotWireframes.first?["id"]
        #expect(a != b)
    }

    @Test func duplicateHostIDsInOneTreeKeepTheFirst() {
        let r = Recorder()
        r.meta("Home")
        let out = r.snapshot(#"[{"id":1,"type":"div","childWireframes":[{"id":2,"type":"div"},{"id":2,"type":"text","text":"x"}]}]"#)
        #expect(out.last?.snapshotWireframes.count == 2)
        #expect(r.sanitizer.audit.dropped["wireframe:duplicate-id"] == 1)
    }

    @Test func unknownIDsAreCountedAndSkipped() {
        let r = Recorder()
        r.meta("Home")
        r.snapshot(#"[{"id":1,"type":"div"}]"#)
        let out = r.mutation(#""adds":[{"parentId":99,"wireframe":{"id":3,"type":"div"}}],"removes":[{"parentId":1,"id":77}]"#, at: t0 + 5)
        #expect(out.isEmpty)
        #expect(r.sanitizer.audit.dropped["unknown-node-id"] == 2)
    }

    @Test func cyclesAndDepthAreRefused() {
        let r = Recorder()
        r.meta("Home")
        r.snapshot(#"[{"id":1,"type":"div","childWireframes":[{"id":2,"type":"div"}]}]"#)
        r.mutation(#""updates":[{"parentId":2,"wireframe":{"id":1,"type":"div"}}]"#, at: t0 + 5)
        #expect(r.sanitizer.audit.dropped["wireframe:cycle"] == 1)
        var deep = #"{"id":1000,"type":"div"}"#
        for i in 0..<100 { deep = #"{"id":\#(2000 + i),"type":"div","childWireframes":[\#(deep)]}"# }
        let out = r.snapshot("[\(deep)]", at: t0 + 10)
        #expect(out.last?.snapshotWireframes.count == WireframeMirror.maximumDepth)
        #expect(r.sanitizer.audit.dropped["wireframe:too-deep"] == 1)
    }
}

@Suite struct MirrorTests {
    @Test func aMoveThatWouldBeTooDeepIsRefusedWhole() {
        let r = Recorder()
        r.meta("Home")
        var chain = #"{"id":1,"type":"div"}"#
        for i in 2...60 { chain = #"{"id":\#(i),"type":"div","childWireframes":[\#(chain)]}"# }
        // A 60-level chain (ids 60 → 1) and a 10-level one beside it.
        var other = #"{"id":100,"type":"div"}"#
        for i in 101...110 { other = #"{"id":\#(i),"type":"div","childWireframes":[\#(other)]}"# }
        r.snapshot("[\(chain),\(other)]")
        let out = r.mutation(#""updates":[{"parentId":1,"wireframe":{"id":110,"type":"div"}}]"#, at: t0 + 5)
        #expect(out.isEmpty)
        #expect(r.sanitizer.audit.dropped["wireframe:too-deep"] == 1)
        // The refused subtree is intact: a later change inside it still applies.
        let later = r.mutation(#""updates":[{"parentId":101,"wireframe":{"id":100,"type":"text","text":"x"}}]"#, at: t0 + 6)
        #expect(later.first?.data?["updates"]?.arrayValue?.count == 1)
    }

    @Test func aMoveKeepsChildrenAndOutputIDs() {
        let r = Recorder()
        r.meta("Home")
        let snap = r.snapshot(#"[{"id":1,"type":"div","childWireframes":[{"id":2,"type":"div","childWireframes":[{"id":3,"type":"text","text":"t"}]},{"id":4,"type":"div"}]}]"#)
        let ids = snap.last?.snapshotWireframes.compactMap { $0["id"]?.int64Value } ?? []
        let out = r.mutation(#""updates":[{"parentId":4,"wireframe":{"id":2,"type":"div"}}]"#, at: t0 + 5)
        let placed = out.first?.data?["updates"]?.arrayValue?.first
        #expect(placed?["parentId"]?.int64Value == ids[3])
        #expect(placed?["wireframe"]?["id"]?.int64Value == ids[1])
        #expect(placed?["wireframe"]?["childWireframes"]?.arrayValue?.first?["id"]?.int64Value == ids[2])
    }
}
