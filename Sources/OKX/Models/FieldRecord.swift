/// One object of a reply's `data` array read for a model that names its fields (`FieldFilteredDecodable`): a slot
/// per kept field, holding where a plain string's or a number's text lies in the reply's bytes, or the value itself
/// when it is anything else.
///
/// Positions are read for every account every second. Building each one as a dictionary (a `String` for every key
/// and value, a hash to store it, another to look it up) cost more than reading the numbers; a record makes no
/// `String` for a key and none for a number, which is read straight from the bytes.
struct FieldRecord: Sendable {
    enum Slot: Sendable {
        /// The object has no such member.
        case absent
        /// A string without escapes (`quoted`, its text between the quotes) or a number: `body[start..<end]`.
        case text(start: Int, end: Int, quoted: Bool)
        /// Anything else: null, a boolean, a string with escapes, an array, an object.
        case value(JSONValue)
    }

    /// The whole reply (shared, not copied).
    let body: [UInt8]
    let filter: JSONKeyFilter
    var slots: [Slot]

    /// The slot of `name`; `.absent` also for a name the filter does not keep.
    func slot(_ name: String) -> Slot {
        filter.slot(of: name).map { slots[$0] } ?? .absent
    }

    /// The member `name` as the dictionary of the whole object would hold it.
    func value(_ name: String) -> JSONValue? {
        value(of: slot(name))
    }

    /// Every member present, as a dictionary.
    var members: [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for (slot, name) in filter.names.enumerated() {
            if let value = value(of: slots[slot]) { members[name] = value }
        }
        return members
    }

    /// `body[start..<end]`, to read without copying.
    func withText<Result>(start: Int, end: Int, _ read: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body.withUnsafeBufferPointer { read(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    private func value(of slot: Slot) -> JSONValue? {
        switch slot {
        case .absent:
            return nil
        case .text(let start, let end, let quoted):
            let text = withText(start: start, end: end) { String(decoding: $0, as: UTF8.self) }
            return quoted ? .string(text) : .number(text)
        case .value(let value):
            return value
        }
    }
}
