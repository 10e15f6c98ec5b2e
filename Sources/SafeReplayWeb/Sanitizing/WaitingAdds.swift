/// The adds of one mutation batch that wait for a node the mirror does not hold yet (their
/// parent or next sibling), by the id each waits for.
///
/// Most batches have none and the rest one or two: two lists looked through cost less
/// than a dictionary, whose first use in a process also looked its type up by name (about
/// 370,000 instructions). Past `listLimit` waiting adds a dictionary takes over, so a
/// batch of thousands still releases each add in constant time.
struct WaitingAdds {
    static let listLimit = 16

    private var awaitedIds: [Int] = []
    private var waitingIndices: [Int] = []
    private var table: [Int: [Int]]?

    var isEmpty: Bool { table?.isEmpty ?? awaitedIds.isEmpty }

    /// Add `index` waits for node `id`.
    mutating func add(_ index: Int, awaiting id: Int) {
        if table != nil {
            table![id, default: []].append(index)
        } else if awaitedIds.count < Self.listLimit {
            awaitedIds.append(id)
            waitingIndices.append(index)
        } else {
            var byId: [Int: [Int]] = [:]
            for k in awaitedIds.indices { byId[awaitedIds[k], default: []].append(waitingIndices[k]) }
            byId[id, default: []].append(index)
            table = byId
            awaitedIds = []
            waitingIndices = []
        }
    }

    /// The adds that waited for node `id`, in the order they began to wait; they wait no more.
    mutating func release(_ id: Int) -> [Int]? {
        if table != nil { return table!.removeValue(forKey: id) }
        guard awaitedIds.contains(id) else { return nil }
        var released: [Int] = []
        var k = 0
        while k < awaitedIds.count {
            if awaitedIds[k] == id {
                awaitedIds.remove(at: k)
                released.append(waitingIndices.remove(at: k))
            } else {
                k += 1
            }
        }
        return released
    }

    /// Each add still waiting, with the id it waits for and whether that id is the node of
    /// another waiting add (`nodeId` gives an add's node id): then the adds wait in a cycle.
    func forEachLeft(nodeId: (Int) -> Int, _ body: (_ index: Int, _ awaited: Int, _ awaitsWaitingAdd: Bool) -> Void) {
        if let table {
            var pendingIds = Set<Int>()
            for indices in table.values { for i in indices { pendingIds.insert(nodeId(i)) } }
            for (awaited, indices) in table { for i in indices { body(i, awaited, pendingIds.contains(awaited)) } }
        } else {
            // At most `listLimit` of them: looked through, no set.
            let pendingIds = waitingIndices.map(nodeId)
            for k in awaitedIds.indices { body(waitingIndices[k], awaitedIds[k], pendingIds.contains(awaitedIds[k])) }
        }
    }
}
