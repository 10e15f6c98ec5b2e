import SafeReplayModel

extension Mirror {
    /// Bytes held by the mirror's storage: its arrays (by capacity), attribute entries and
    /// the heap part of its strings (Swift keeps up to 15 UTF-8 bytes inline).
    var storageBytes: Int {
        func bytes<T>(_ a: [T]) -> Int { a.capacity * MemoryLayout<T>.stride }
        func heap(_ s: String) -> Int { s.utf8.count > 15 ? 32 + s.utf8.count : 0 }
        var total = records.bytes + attributes.bytes + texts.bytes + denseSlotBytes + bytes(denseStickyTable)
        for i in attributes.indices where !attributes[i].entries.isEmpty {
            total += 32 + bytes(attributes[i].entries)
            for e in attributes[i].entries {
                total += heap(e.name)
                if case .string(let v) = e.value { total += heap(v) }
            }
        }
        for i in texts.indices { total += heap(texts[i]) }
        total += extras.count * (MemoryLayout<Int32>.stride + MemoryLayout<NodeExtras>.stride) * 2
        return total
    }
}

extension WebSanitizer {
    /// The mirror's node count and storage bytes (benchmarks: ≤ 200 bytes per node).
    package var mirrorFootprint: (nodes: Int, bytes: Int) { (mirror.count, mirror.storageBytes) }
}
