using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Names.Host.Service.Contracts;

namespace Names.Host.Service;

/// <summary>Reads and checks request input: JSON bodies within the size limit, name fields, paging parameters.</summary>
public static class RequestReader
{
    /// <summary>Web defaults (camelCase); HTML-sensitive characters such as &gt; are left readable, answers are JSON, never HTML.
    /// Unknown properties are ignored (forward compatibility); a property given twice is refused (400), since
    /// parsers disagree on which of the two counts.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowDuplicateProperties = false,
    };

    /// <summary>The body as <typeparamref name="T"/>; 413 above the size limit, 415 when not JSON, 400 when malformed.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpContext context, ServiceSettings settings) where T : class
    {
        var request = context.Request;
        if (request.ContentLength > settings.MaxBodyBytes) throw TooLarge(settings);
        if (!request.HasJsonContentType())
            throw new ServiceProblemException(415, ProblemCodes.UnsupportedMediaType, "JSON expected", "Send the body as application/json.");
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = settings.MaxBodyBytes;
        // Read at most limit+1 bytes ourselves: servers without a body-size limit (chunked, test hosts) are bounded too.
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > settings.MaxBodyBytes) throw TooLarge(settings);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            throw TooLarge(settings);
        }
        buffer.Position = 0;
        try
        {
            return JsonSerializer.Deserialize<T>(buffer, Json) ?? throw new ServiceProblemException(400, ProblemCodes.InvalidJson, "Malformed JSON", "The body is JSON null.");
        }
        catch (JsonException e)
        {
            throw new ServiceProblemException(400, ProblemCodes.InvalidJson, "Malformed JSON", e.Message);
        }
    }

    private static ServiceProblemException TooLarge(ServiceSettings settings) =>
        new(413, ProblemCodes.BodyTooLarge, "Request body too large", $"The body may hold at most {settings.MaxBodyBytes} bytes.");

    /// <summary>A present, not too long name.</summary>
    public static string RequireName(string? name, ServiceSettings settings, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ServiceProblemException(400, ProblemCodes.MissingName, "Name missing", $"'{field}' must be a non-empty string.");
        if (name.Length > settings.MaxNameLength)
            throw new ServiceProblemException(400, ProblemCodes.NameTooLong, "Name too long", $"'{field}' has {name.Length} characters; at most {settings.MaxNameLength} are accepted.");
        return name;
    }

    /// <summary>Optional short field (country, kind, source ...): at most <see cref="ServiceSettings.MaxNameLength"/> characters.</summary>
    public static string? Optional(string? value, ServiceSettings settings, string field)
    {
        if (value is not null && value.Length > settings.MaxNameLength)
            throw new ServiceProblemException(400, ProblemCodes.InvalidRequest, "Field too long", $"'{field}' has more than {settings.MaxNameLength} characters.");
        return value;
    }

    public static (int Offset, int Limit) Paging(int? offset, int? limit, ServiceSettings settings)
    {
        var o = offset ?? 0;
        var l = limit ?? 50;
        if (o < 0 || l < 1 || l > settings.MaxPageSize)
            throw new ServiceProblemException(400, ProblemCodes.InvalidPagination, "Invalid paging", $"offset must be >= 0 and limit between 1 and {settings.MaxPageSize}.");
        return (o, l);
    }

    public static NameItem CheckItem(NameItem? item, int index, ServiceSettings settings)
    {
        if (item is null) throw new ServiceProblemException(400, ProblemCodes.MissingName, "Name missing", $"names[{index}] is null.");
        RequireName(item.Name, settings, $"names[{index}].name");
        Optional(item.Country, settings, $"names[{index}].country");
        Optional(item.Kind, settings, $"names[{index}].kind");
        Optional(item.FamilyName, settings, $"names[{index}].familyName");
        Optional(item.GivenNames, settings, $"names[{index}].givenNames");
        return item;
    }
}
