import LoketDomain
import LoketStorage

/// Forecasts (prognoses) and the measured history they start from: when the service will be back
/// to normal, and what more capacity would change.
public struct Forecasts: UseCaseArea {
    let context: UseCaseContext
    let measurementStore: MeasurementStore
    let forecastRunStore: ForecastRunStore
    let historyGeneration: HistoryGeneration
    let availability: Availability
    let documents: Documents
}
