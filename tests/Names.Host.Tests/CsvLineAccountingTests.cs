using System.Text;
using System.Text.RegularExpressions;
using Names.Host.Csv;

namespace Names.Host.Tests;

/// <summary>
/// Property test over random malformed inputs: records and rejects must tile the physical lines after the header
/// exactly (no line lost, none counted twice), whatever mix of quotes, commas, CR, LF and NUL the input holds; a CR
/// not followed by LF ends a line like LF does.
/// </summary>
public class CsvLineAccountingTests
{
    private const string Alphabet = "aaaaaaaaab ,,,\"\"\n\n\r\0é";

    [Fact]
    public void Records_and_rejects_tile_every_physical_line_of_random_inputs()
    {
        var random = new Random(20261121);
        for (var doc = 0; doc < 300; doc++)
        {
            var sb = new StringBuilder("h1,h2,h3\n");
            var length = random.Next(0, 400);
            for (var i = 0; i < length; i++) sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            var text = sb.ToString();
            // LF, CRLF and a lone CR each end a line.
            var physicalLines = text.Count(c => c == '\n') + Regex.Count(text, "\r(?!\n)") + (text[^1] is '\n' or '\r' ? 0 : 1);

            using var reader = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(text))),
                new CsvReaderLimits { MaxFieldLength = 64 });
            Assert.NotNull(reader.ReadHeader());
            var covered = new List<long>();
            while (true)
            {
                var kind = reader.ReadNext(3, out var record, out var reject);
                if (kind == CsvReadKind.End) break;
                if (kind == CsvReadKind.Reject) { covered.Add(reject.Line); continue; }
                var span = 1 + record.Fields.Sum(f => f.Count(c => c == '\n'));
                for (var l = 0; l < span; l++) covered.Add(record.Line + l);
                Assert.All(record.Fields, f => Assert.DoesNotContain('\0', f));
            }
            // A final line holding nothing (text ends with "\n") is not a row.
            var expected = Enumerable.Range(2, Math.Max(0, physicalLines - 1)).Select(l => (long)l).ToList();
            Assert.True(expected.SequenceEqual(covered), $"document {doc}: lines {string.Join(",", covered)} for {physicalLines} physical lines:\n{text.Replace("\0", "\\0")}");
        }
    }
}
