namespace OptOutConsole.Core.Reference;

/// <summary>A standard code with its English name, for lists a person searches "with names, not just codes".</summary>
/// <param name="Code">The code as the config document writes it: <c>MX</c> for a country, <c>es</c> for a language.</param>
/// <param name="Name">The English short name: Mexico, Spanish.</param>
public readonly record struct ReferenceCode(string Code, string Name)
{
    /// <summary>"Mexico (MX)", as a list shows it.</summary>
    public string Display => $"{Name} ({Code})";

    /// <summary>True when <paramref name="query"/> is blank, equals the code (any case) or occurs in the name (any case).</summary>
    public bool Matches(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var q = query.Trim();
        return Code.Equals(q, StringComparison.OrdinalIgnoreCase)
            || Name.Contains(q, StringComparison.CurrentCultureIgnoreCase);
    }
}
