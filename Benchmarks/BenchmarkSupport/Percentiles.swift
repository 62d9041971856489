import Foundation

/// Order statistics of a benchmark's samples, and the one-line figures the benchmarks print.
public struct Percentiles: Sendable {
    public let sorted: [Double]

    public init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    /// The sample at fraction `q` (nearest rank); 0 without samples.
    public func at(_ q: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }

    public var median: Double { at(0.5) }
}

/// One figure per line, the name padded so the columns line up.
public func printFigure(_ name: String, _ figures: String) {
    print("\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(figures)")
}

extension Duration {
    /// In milliseconds, for the printed figures.
    public var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
