/// The data of an IncrementalSnapshot, one case per `IncrementalSource`.
public enum IncrementalData: Sendable, Equatable {
    case mutation(MutationData)
    /// The mobile wireframe dialect of source 0 (`adds/updates/removes` of wireframes).
    case wireframeMutation(WireframeMutationData)
    /// Sources 1 (MouseMove), 6 (TouchMove) and 12 (Drag) share one shape.
    case pointerPositions(IncrementalSource, PointerPositionsData)
    case mouseInteraction(MouseInteractionData)
    case scroll(ScrollData)
    case viewportResize(ViewportResizeData)
    case input(InputData)
    case mediaInteraction(MediaInteractionData)
    /// Boxed, like `styleDeclaration`: the two largest payloads (88 and 112 bytes, against
    /// 72 for the common ones) and rare, so every other event is smaller.
    indirect case styleSheetRule(StyleSheetRuleData)
    case canvasMutation(CanvasMutationData)
    case font(FontData)
    /// Legacy console logs; rrweb now sends them as Plugin events.
    case log(JSONObject)
    indirect case styleDeclaration(StyleDeclarationData)
    case selection(SelectionData)
    case adoptedStyleSheet(AdoptedStyleSheetData)
    case customElement(CustomElementData)
    /// A source number rrweb does not define; its fields are kept raw.
    case unknown(source: Int, fields: JSONObject)

    public var sourceNumber: Int {
        switch self {
        case .mutation, .wireframeMutation: return IncrementalSource.mutation.rawValue
        case .pointerPositions(let source, _): return source.rawValue
        case .mouseInteraction: return IncrementalSource.mouseInteraction.rawValue
        case .scroll: return IncrementalSource.scroll.rawValue
        case .viewportResize: return IncrementalSource.viewportResize.rawValue
        case .input: return IncrementalSource.input.rawValue
        case .mediaInteraction: return IncrementalSource.mediaInteraction.rawValue
        case .styleSheetRule: return IncrementalSource.styleSheetRule.rawValue
        case .canvasMutation: return IncrementalSource.canvasMutation.rawValue
        case .font: return IncrementalSource.font.rawValue
        case .log: return IncrementalSource.log.rawValue
        case .styleDeclaration: return IncrementalSource.styleDeclaration.rawValue
        case .selection: return IncrementalSource.selection.rawValue
        case .adoptedStyleSheet: return IncrementalSource.adoptedStyleSheet.rawValue
        case .customElement: return IncrementalSource.customElement.rawValue
        case .unknown(let source, _): return source
        }
    }
}
