/// Pure mappings from an exact colour to what a terminal of lesser capability can show.
public enum ColorMapping {
    /// The channel levels of the xterm 6×6×6 colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The nearest xterm-256 index, among the cube (16–231) and the grey ramp (232–255); the first sixteen are left
    /// out because every terminal scheme redefines them.
    public static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let channels = [Int(red), Int(green), Int(blue)]
        let cube = channels.map { value in
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) }!
        }
        let cubeIndex = 16 + 36 * cube[0] + 6 * cube[1] + cube[2]
        let cubeColor = cube.map { cubeLevels[$0] }
        let average = channels.reduce(0, +) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyStep
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(channels, cubeColor)
        let greyDistance = distance(channels, [grey, grey, grey])
        return greyDistance < cubeDistance ? greyIndex : cubeIndex
    }

    /// The ANSI colour (0–15, or 0–7 when `bright` is false) of the same hue.
    ///
    /// Nearest-by-distance would turn soft theme colours (a muted green for profit) into grey, losing their meaning,
    /// so colours with any saturation keep their hue: red, yellow, green, cyan, blue or magenta, the bright one when
    /// light. Greys and near-blacks go to black, bright black, white or bright white by lightness.
    public static func nearestANSI(red: UInt8, green: UInt8, blue: UInt8, bright: Bool = true) -> Int {
        let r = Double(red) / 255
        let g = Double(green) / 255
        let b = Double(blue) / 255
        let high = max(r, g, b)
        let low = min(r, g, b)
        let saturation = high == 0 ? 0 : (high - low) / high
        // Near-black keeps no hue worth showing: a tinted dark background must not turn blue.
        if saturation < 0.25 || high < 0.25 {
            if !bright {
                return high < 0.5 ? 0 : 7
            }
            switch high {
            case ..<0.25: return 0
            case ..<0.6: return 8
            case ..<0.85: return 7
            default: return 15
            }
        }
        var hue: Double
        let chroma = high - low
        if high == r {
            hue = 60 * ((g - b) / chroma)
        } else if high == g {
            hue = 60 * ((b - r) / chroma + 2)
        } else {
            hue = 60 * ((r - g) / chroma + 4)
        }
        if hue < 0 {
            hue += 360
        }
        // ANSI order: 1 red, 3 yellow, 2 green, 6 cyan, 4 blue, 5 magenta, by sixty-degree sectors from red.
        let sectors = [1, 3, 2, 6, 4, 5]
        let base = sectors[Int((hue + 30).truncatingRemainder(dividingBy: 360) / 60)]
        return bright && high > 0.9 ? base + 8 : base
    }

    private static func distance(_ a: [Int], _ b: [Int]) -> Int {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
}
