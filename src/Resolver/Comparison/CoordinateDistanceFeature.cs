using System.Globalization;

namespace Names.Resolver.Comparison;

/// <summary>
/// Great-circle distance between the coordinates of two records, from two context columns (latitude, longitude).
/// 0,0 and unparsable values count as missing (IP data fills unknown coordinates with zeros).
/// </summary>
public sealed class CoordinateDistanceFeature(string latitudeColumn, string longitudeColumn) : IComparisonFeature
{
    public string LatitudeColumn { get; } = latitudeColumn;
    public string LongitudeColumn { get; } = longitudeColumn;
    public string Name => $"coordinates:{LatitudeColumn},{LongitudeColumn}";
    public IReadOnlyList<string> Levels { get; } = ["more than 100 km apart", "within 100 km", "within 10 km", "within 1 km"];

    public int Compare(NameRecord a, NameRecord b, TokenStatistics statistics)
    {
        if (Point(a) is not { } p || Point(b) is not { } q) return IComparisonFeature.NotComparable;
        var km = HaversineKm(p.Lat, p.Lng, q.Lat, q.Lng);
        return km <= 1 ? 3 : km <= 10 ? 2 : km <= 100 ? 1 : 0;
    }

    private (double Lat, double Lng)? Point(NameRecord r)
    {
        if (!r.Context.TryGetValue(LatitudeColumn, out var lats) || !r.Context.TryGetValue(LongitudeColumn, out var lngs)) return null;
        // The first value in ordinal order: deterministic whichever row added it first.
        var lat = lats.Order(StringComparer.Ordinal).FirstOrDefault();
        var lng = lngs.Order(StringComparer.Ordinal).FirstOrDefault();
        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ||
            !double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return null;
        if ((y == 0 && x == 0) || Math.Abs(y) > 90 || Math.Abs(x) > 180) return null;
        return (y, x);
    }

    public static double HaversineKm(double lat1, double lng1, double lat2, double lng2)
    {
        const double earthRadiusKm = 6371.0088;
        double dLat = (lat2 - lat1) * Math.PI / 180, dLng = (lng2 - lng1) * Math.PI / 180;
        double h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
