using System.Globalization;

namespace Names.Host.Synthesis;

/// <summary>One generated record: the raw name field and its truth (entity ids and kinds joined with ';' for
/// fields naming several parties).</summary>
public readonly record struct SyntheticRow(string RecordId, string Name, string Country, string Kind, string EntityId);

/// <summary>
/// Streams realistic name records, deterministic for a seed. Entities repeat with a heavy-tailed skew (a few very
/// frequent applicants, many rare ones): rank = floor(N * u^3) over N = rows/2 entity slots, so the top 1% of entity slots
/// take about 14% of the rows. Some fields name several parties or carry a c/o fragment, as patent data does.
/// </summary>
public sealed class SyntheticNameGenerator
{
    public static readonly string[] Columns = ["record_id", "name", "country", "kind", "entity_id"];

    private readonly SyntheticEntityFactory _entities;
    private readonly NameVariantRenderer _renderer;
    private readonly ulong _seed;
    private readonly long _universe;

    public SyntheticNameGenerator(SynthesisData data, ulong seed, long rows)
    {
        _seed = seed;
        _entities = new SyntheticEntityFactory(data, seed);
        _renderer = new NameVariantRenderer(data);
        _universe = Math.Max(100, rows / 2);
    }

    public IEnumerable<SyntheticRow> Generate(long rows)
    {
        for (long i = 0; i < rows; i++) yield return Row(i);
    }

    public SyntheticRow Row(long index)
    {
        var rng = SynthRandom.For(_seed, 2, (ulong)index);
        var first = _entities.Create(PickRank(ref rng));
        var recordId = "R" + (index + 1).ToString("D9", CultureInfo.InvariantCulture);
        var name = _renderer.Render(first, ref rng);
        var country = rng.Chance(0.03) ? "" : first.Country.Code;
        var roll = rng.NextDouble();
        if (roll < 0.04)
        {
            // Several parties in one field (co-applicants / co-inventors).
            var others = 1 + (rng.Chance(0.25) ? 1 : 0);
            var ids = new List<string> { first.Id };
            var kinds = new List<string> { first.KindText };
            var sep = rng.NextDouble() switch { < 0.6 => "; ", < 0.8 => " and ", < 0.9 => " & ", _ => " / " };
            for (var k = 0; k < others; k++)
            {
                var other = _entities.Create(PickRank(ref rng));
                name += sep + _renderer.Render(other, ref rng);
                ids.Add(other.Id);
                kinds.Add(other.KindText);
            }
            return new SyntheticRow(recordId, name, country, string.Join(';', kinds), string.Join(';', ids));
        }
        if (roll < 0.055)
        {
            // c/o fragment: the party named after c/o is an address, not an applicant.
            var agent = _entities.Create(PickRank(ref rng));
            name += (rng.Chance(0.5) ? " c/o " : ", C/O ") + _renderer.Render(agent, ref rng);
        }
        return new SyntheticRow(recordId, name, country, first.KindText, first.Id);
    }

    /// <summary>Power-law rank: v^3 with v in [0.1, 1) (the cut keeps the single commonest entity near 0.5% of rows,
    /// like the largest filers in patent data, instead of several percent).</summary>
    private long PickRank(ref SynthRandom rng)
    {
        const double cut = 0.1, cut3 = cut * cut * cut;
        var v = cut + (1 - cut) * rng.NextDouble();
        return Math.Min(_universe - 1, (long)(_universe * (v * v * v - cut3) / (1 - cut3)));
    }
}
