using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Names.Host.Review;

/// <summary>
/// A piece of HTML that is safe to write as is. Built from interpolated strings whose holes are HTML-encoded unless
/// they are <see cref="Html"/> already, so data (names can contain &lt;script&gt;) can only ever reach the page encoded.
/// </summary>
public readonly struct Html
{
    // All of Unicode stays readable in the page source; only markup characters and unsafe code points are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly string? _value;
    private Html(string value) => _value = value;

    public static Html Empty => default;

    /// <summary>HTML from a template: the literal parts are markup, every hole is encoded text (or nested <see cref="Html"/>).</summary>
    public static Html Of(ref Template template) => new(template.ToStringAndClear());

    /// <summary>Text shown as text.</summary>
    public static Html Text(string? text) => new(Encoder.Encode(text ?? ""));

    public static Html Join(IEnumerable<Html> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts) builder.Append(part._value);
        return new Html(builder.ToString());
    }

    public override string ToString() => _value ?? "";

    [InterpolatedStringHandler]
    public ref struct Template
    {
        private readonly StringBuilder _builder;

        public Template(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + formattedCount * 16);

        public void AppendLiteral(string markup) => _builder.Append(markup);

        public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

        public void AppendFormatted<T>(T value, string? format)
        {
            // Generic overloads win over conversions (a List<Html> is a T), so markup is recognised here.
            if (value is Html html) { _builder.Append(html._value); return; }
            if (value is IEnumerable<Html> parts)
            {
                foreach (var part in parts) _builder.Append(part._value);
                return;
            }
            var text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();
            _builder.Append(Encoder.Encode(text ?? ""));
        }

        internal string ToStringAndClear()
        {
            var text = _builder.ToString();
            _builder.Clear();
            return text;
        }
    }
}
