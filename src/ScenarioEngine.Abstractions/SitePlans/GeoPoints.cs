using ScenarioEngine.Evaluation;

namespace ScenarioEngine.SitePlans;

/// <summary>The ranges a position from a phone must lie in before anything stores it.</summary>
public static class GeoPoints
{
    /// <summary>Wider than any phone reports; a larger radius says nothing about where it was.</summary>
    public const double MaxAccuracyMeters = 100_000;

    /// <summary>
    /// Bilingual, because a refused hub call has no request culture: the phone shows it as it came.
    /// Our phone checks the same ranges before it queues a point, so only a broken client sees it.
    /// </summary>
    public const string OutOfRange =
        "The location is out of range: latitude −90…90, longitude −180…180, accuracy 0…100000 m, all finite numbers. Nothing was stored. / "
        + "Координаты вне допустимых пределов: широта −90…90, долгота −180…180, точность 0…100000 м, конечные числа. Ничего не сохранено.";

    public static bool IsValid(GeoPoint? point) =>
        point is { } p
        && double.IsFinite(p.Latitude) && p.Latitude is >= -90 and <= 90
        && double.IsFinite(p.Longitude) && p.Longitude is >= -180 and <= 180
        && (p.AccuracyMeters is null || (double.IsFinite(p.AccuracyMeters.Value) && p.AccuracyMeters.Value is >= 0 and <= MaxAccuracyMeters));

    /// <summary>Throws <see cref="ArgumentException"/> (which the hub shows to the caller) for a point out of range; null passes.</summary>
    public static void Require(GeoPoint? point)
    {
        if (point is not null && !IsValid(point))
        {
            throw new ArgumentException(OutOfRange, nameof(point));
        }
    }
}
