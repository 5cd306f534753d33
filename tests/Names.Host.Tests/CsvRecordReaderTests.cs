using System.Text;
using Names.Host.Csv;

namespace Names.Host.Tests;

public class CsvRecordReaderTests
{
    private static List<(CsvReadKind Kind, long Line, string Text)> ReadAll(string csv, CsvReaderLimits? limits = null)
    {
        using var reader = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))), limits);
        var header = reader.ReadHeader()!;
        var result = new List<(CsvReadKind, long, string)>();
        while (true)
        {
            var kind = reader.ReadNext(header.Length, out var record, out var reject);
            if (kind == CsvReadKind.End) return result;
            result.Add(kind == CsvReadKind.Record ? (kind, record.Line, string.Join("|", record.Fields)) : (kind, reject.Line, reject.Reason));
        }
    }

    [Fact]
    public void Line_numbers_count_physical_lines_across_quoted_line_breaks_and_crlf()
    {
        var rows = ReadAll("a,b\r\n1,\"x\r\ny\r\nz\"\r\n2,\"say \"\"hi\"\"\"\r\n3,w\r\n");
        Assert.Equal(new long[] { 2, 5, 6 }, rows.Select(r => r.Line));
        Assert.Equal("1|x\r\ny\r\nz", rows[0].Text);
        Assert.Equal("2|say \"hi\"", rows[1].Text);
        Assert.Equal("3|w", rows[2].Text);
    }

    [Fact]
    public void Fields_left_in_the_buffer_read_and_rewrite_like_materialised_records()
    {
        const string csv = "id,name,note\n1,\"Smith, John\",plain\n2,\"say \"\"hi\"\"\",\"\"\n3,x,\"multi\nline\"\n";
        using var strings = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        using var spans = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        strings.ReadHeader();
        spans.ReadHeader();
        int rows = 0;
        while (strings.ReadNext(3, out var record, out _) == CsvReadKind.Record)
        {
            Assert.Equal(CsvReadKind.Record, spans.ReadNextFields(3, out var line, out _));
            Assert.Equal(record.Line, line);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(record.Fields[i], spans.FieldText(i));
                Assert.Equal(record.Fields[i], Encoding.UTF8.GetString(spans.FieldUtf8(i)));
            }
            rows++;
        }
        Assert.Equal(3, rows);
        Assert.Equal(CsvReadKind.End, spans.ReadNextFields(3, out _, out _));
    }

    [Fact]
    public void A_record_is_taken_whole_only_when_that_is_how_its_fields_are_written()
    {
        const string csv = "id,name,note\r\n1,ACME GMBH,\r\n2,\"Smith, John\",x\n3,ACME \"BEST\" INC,y\n4,\"plain\",z\n5, spaced ,\n";
        using var reader = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));
        reader.ReadHeader();
        var taken = new List<string>();
        while (reader.ReadNextFields(3, out var line, out _) == CsvReadKind.Record)
        {
            var fields = CsvRowWriter.RowText(Enumerable.Range(0, 3).Select(reader.FieldText));
            if (!reader.TryGetPlainRecord(out var utf8)) continue;
            var text = Encoding.UTF8.GetString(utf8);
            Assert.Equal(fields, text);
            taken.Add(text);
        }
        // a quoted field, or a literal quote (written quoted), is written field by field
        Assert.Equal(new[] { "1,ACME GMBH,", "5, spaced ," }, taken);
    }

    [Fact]
    public void Field_longer_than_the_limit_is_rejected_and_reading_goes_on()
    {
        var longField = new string('x', 500);
        var rows = ReadAll($"a,b\n1,{longField}\n2,ok\n", new CsvReaderLimits { MaxFieldLength = 100 });
        Assert.Equal(CsvReadKind.Reject, rows[0].Kind);
        Assert.Contains("longer than 100", rows[0].Text);
        Assert.Equal((CsvReadKind.Record, 3L, "2|ok"), rows[1]);
    }

    [Fact]
    public void Quote_that_never_closes_is_bounded_by_the_limit()
    {
        var filler = string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},line {i}\n"));
        var rows = ReadAll($"a,b\n1,\"open\n{filler}", new CsvReaderLimits { MaxFieldLength = 100 });
        Assert.Equal((CsvReadKind.Reject, 2L), (rows[0].Kind, rows[0].Line));
        Assert.Equal(50, rows.Count(r => r.Kind == CsvReadKind.Record));
        Assert.Equal(52L, rows[^1].Line);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected()
    {
        var rows = ReadAll("a,b\n1,\"ACME\" INC\n2,ok\n");
        Assert.Equal(CsvReadKind.Reject, rows[0].Kind);
        Assert.Contains("after closing quote", rows[0].Text);
        Assert.Equal((CsvReadKind.Record, 3L, "2|ok"), rows[1]);
    }

    [Fact]
    public void Quote_inside_an_unquoted_field_is_kept_literally()
    {
        var rows = ReadAll("a,b\n1,ACME \"BEST\" INC\n");
        Assert.Equal((CsvReadKind.Record, 2L, "1|ACME \"BEST\" INC"), rows.Single());
    }

    [Fact]
    public void Large_input_crossing_many_buffer_refills_keeps_every_row()
    {
        var sb = new StringBuilder("id,name\n");
        for (var i = 0; i < 50_000; i++) sb.Append(i).Append(",\"Name ").Append(i).Append(i % 100 == 0 ? "\nsecond line" : "").Append("\"\n");
        var rows = ReadAll(sb.ToString());
        Assert.Equal(50_000, rows.Count);
        Assert.All(rows, r => Assert.Equal(CsvReadKind.Record, r.Kind));
        Assert.Equal(2L + 49_999 + 500, rows[^1].Line);
    }

    [Fact]
    public void Surrogate_pairs_survive_buffer_boundaries()
    {
        var sb = new StringBuilder("id,name\n");
        for (var i = 0; i < 40_000; i++) sb.Append(i).Append(",\U0002000B\U0001F600x").Append(i % 7 == 0 ? "\u00E9" : "").Append('\n');
        var rows = ReadAll(sb.ToString());
        Assert.Equal(40_000, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("\U0002000B\U0001F600x", r.Text.Split('|')[1]));
    }

    [Fact]
    public void Windows_1252_fallback_far_into_the_file_keeps_earlier_utf8_and_names_the_line()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("id,name\n"));
        for (var i = 0; i < 20_000; i++) bytes.AddRange(Encoding.UTF8.GetBytes($"{i},Gr\u00FC\u00DFe {i}\n"));
        bytes.AddRange(Encoding.ASCII.GetBytes("x,Caf"));
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.ASCII.GetBytes("\ny,end\n"));
        using var reader = new CsvRecordReader(CsvCharSource.Open(new MemoryStream(bytes.ToArray())));
        reader.ReadHeader();
        var names = new List<string>();
        while (reader.ReadNext(2, out var record, out _) == CsvReadKind.Record) names.Add(record.Fields[1]);
        Assert.Equal(20_002, names.Count);
        Assert.Equal("Gr\u00FC\u00DFe 19999", names[19_999]);
        Assert.Equal("Caf\u00E9", names[20_000]);
        Assert.Contains("line 20002", reader.Source.EncodingWarning);
    }
}
