using Names.Normalization;
using Names.Resolver.Comparison;

namespace Names.Resolver.Tests;

/// <summary>
/// The word-level comparisons: edit distance, sound-alike codes, one-to-one word alignment of names (persons and
/// organisations, several scripts), numbers however written, and countries named in organisation names.
/// </summary>
public sealed class NameWordComparisonTests
{
    private static readonly NameNormalizer Normalizer = NameNormalizer.CreateDefault();
    private static readonly TokenStatistics NoStatistics = new();

    private static NameRecord Clean(string name, string kind) =>
        NameRecord.FromParty(Normalizer.Normalize(new NameInput(name, KindHint: kind)).First());

    private static int Level(IComparisonFeature feature, string a, string b, string kind = "person") =>
        feature.Compare(Clean(a, kind), Clean(b, kind), NoStatistics);

    private static string Label(IComparisonFeature feature, string a, string b, string kind = "person") =>
        Level(feature, a, b, kind) is var l and >= 0 ? feature.Levels[l] : "not comparable";

    [Theory]
    [InlineData("DONALD", "DONLAD", 1)] // transposition
    [InlineData("PUTIN", "PULIN", 1)]
    [InlineData("BOREZ", "BOREZA", 1)]
    [InlineData("MILEI", "MIHEL", 2)]
    [InlineData("KITTEN", "SITTING", 3)]
    [InlineData("", "ABC", 3)]
    [InlineData("SAME", "SAME", 0)]
    public void Edit_distance_counts_single_letter_edits_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Distance(a, b));
        Assert.Equal(expected, EditDistance.Distance(b, a));
    }

    [Fact]
    public void Edit_distance_stops_at_the_bound()
    {
        Assert.Equal(3, EditDistance.Distance("ABCDEFGH", "ZYXWVUTS", max: 2));
        Assert.Equal(2, EditDistance.Distance("MILEI", "MIHEL", max: 2));
    }

    [Theory]
    [InlineData("HUSAYN", "HUSSEIN")]
    [InlineData("QADDAFI", "GADDAFI")]
    [InlineData("SCHULZE", "SCHOLZ")]
    [InlineData("WLADIMIR", "VLADIMIR")]
    [InlineData("OSAMA", "USAMA")]
    [InlineData("PHILIPP", "FILIP")]
    [InlineData("KNIGHT", "NITE")]
    public void Sound_alike_spellings_share_a_code(string a, string b) =>
        Assert.Equal(PhoneticKey.Encode(a), PhoneticKey.Encode(b));

    [Theory]
    [InlineData("DANIEL", "DONALD")]
    [InlineData("SANCHO", "SANCHEZ")]
    [InlineData("ORBACH", "ORBAN")]
    [InlineData("MONTEIRO", "MONTENEGRO")]
    public void Different_names_keep_different_codes(string a, string b) =>
        Assert.NotEqual(PhoneticKey.Encode(a), PhoneticKey.Encode(b));

    [Fact]
    public void Consonant_skeletons_match_vowelless_romanisations()
    {
        Assert.Equal(PhoneticKey.Skeleton("BYRYZ"), PhoneticKey.Skeleton("PEREZ"));
        Assert.Equal(PhoneticKey.Skeleton("FRNANDW"), PhoneticKey.Skeleton("FERNANDO"));
        Assert.NotEqual(PhoneticKey.Skeleton("FRNANDW"), PhoneticKey.Skeleton("FRANCO"));
        Assert.Equal("", PhoneticKey.Encode("123"));
    }

    [Theory]
    [InlineData("JOHN", "JOHN", PartAgreement.Equal)]
    [InlineData("TRUDOAU", "TRUDEAU", PartAgreement.Typo)]
    [InlineData("HUSAYN", "HUSSEIN", PartAgreement.Phonetic)]
    [InlineData("BILL", "WILLIAM", PartAgreement.Nickname)]
    [InlineData("V", "VLADIMIR", PartAgreement.Initial)]
    [InlineData("LIND", "LINDEMANN", PartAgreement.Prefix)]
    [InlineData("SECHEV", "SECHIN", PartAgreement.Similar)]
    [InlineData("DANIEL", "DONALD", PartAgreement.Different)]
    [InlineData("V", "PUTIN", PartAgreement.Different)]
    public void Word_agreement_grades(string a, string b, PartAgreement expected) =>
        Assert.Equal(expected, PartAlignment.Agreement(a, b));

    [Fact]
    public void Alignment_pairs_words_in_any_order_and_counts_conflicts_and_extras()
    {
        var reordered = PartAlignment.Align(["PUTIN", "VLADIMIR"], ["VLADIMIR", "PUTIN"]);
        Assert.Equal((2, 0, 0, PartAgreement.Equal), (reordered.Paired, reordered.Conflicts, reordered.Extra, reordered.Weakest));
        var patronymic = PartAlignment.Align(["LAVROV", "SERGEY"], ["LAVROV", "SERGEY", "VIKTOROVICH"]);
        Assert.Equal((2, 0, 1), (patronymic.Paired, patronymic.Conflicts, patronymic.Extra));
        var conflict = PartAlignment.Align(["TUSK", "DANIEL"], ["TUSK", "DONALD"]);
        Assert.Equal((1, 1, 0), (conflict.Paired, conflict.Conflicts, conflict.Extra));
        // Glued words pair with the two words they spell, initials with the words they start.
        var glued = PartAlignment.Align(["FRIDRICHBUCHENBERG"], ["BUCHENBERG", "FRIEDRICH"]);
        Assert.Equal((0, 0, PartAgreement.Typo), (glued.Conflicts, glued.Extra, glued.Weakest));
        var initials = PartAlignment.Align(["JC", "JUNCKER"], ["JUNCKER", "JEAN", "CLAUDE"]);
        Assert.Equal((0, 0, PartAgreement.Initial), (initials.Conflicts, initials.Extra, initials.Weakest));
        // Han/Hangul signs are syllables: one different sign is a different name.
        var syllabic = PartAlignment.Align(["习", "近朋"], ["习", "近平"], syllabic: true);
        Assert.Equal(1, syllabic.Conflicts);
    }

    [Fact]
    public void Person_parts_ladder_on_cleaned_names_in_several_scripts()
    {
        var f = PartAlignmentFeature.Persons();
        Assert.Equal("all parts equal", Label(f, "Putin, Vladimir", "Vladimir Putin"));
        Assert.Equal("all paired, typos or sound-alikes", Label(f, "Saddam Husayn", "Saddam Hussein"));
        Assert.Equal("all paired, typos or sound-alikes", Label(f, "Владимир Пулин", "Владимир Путин"));
        Assert.Equal("all paired, an initial or nickname", Label(f, "V. Putin", "Vladimir Putin"));
        Assert.Equal("extra parts, the rest equal", Label(f, "Sergey Viktorovich Lavrov", "Sergey Lavrov"));
        Assert.Equal("extra parts, the rest close", Label(f, "Barack Obama", "Барак Хусеин Обама"));
        Assert.Equal("one part conflicts, others equal", Label(f, "Daniel Tusk", "Donald Tusk"));
        Assert.Equal("one part conflicts, others equal", Label(f, "习近朋", "习近平"));
        Assert.Equal("one part conflicts, others equal", Label(f, "김종은", "김정은"));
        Assert.Equal("nothing paired or two or more parts conflict", Label(f, "Angela Merkel", "Olaf Scholz"));
        // Arabic script against its Latin spelling: the consonants agree.
        Assert.Equal("all paired, typos or sound-alikes", Label(f, "فرناندو بيريز", "Fernando Pérez"));
        Assert.Equal("not comparable", Label(f, "Siemens AG", "Siemens", "legal_entity"));
        // Consonants alone agree only for a romanisation that writes few vowels: VITA KLAVE is not ФУАД ГУЛІЄВ (FUAD GULIEV).
        Assert.Equal("nothing paired or two or more parts conflict", Label(f, "Vita Klave", "Фуад Гулієв"));
        // Initials alone fit too many persons.
        Assert.Equal("nothing paired or two or more parts conflict", Label(f, "N.N.", "Nursultan Nazarbayev"));
        Assert.Equal("all paired, an initial or nickname", Label(f, "J.-C. Juncker", "Jean-Claude Juncker"));
    }

    [Fact]
    public void Word_order_of_persons()
    {
        var f = new PersonWordOrderFeature();
        Assert.Equal("shared words in another order", Label(f, "Friedrich Hans", "Hans Friedrich"));
        Assert.Equal("shared words in the same order", Label(f, "Putin, Vladimir", "Vladimir Putin"));
        Assert.Equal("not comparable", Label(f, "Madonna", "Madonna Ciccone"));
        Assert.Equal("not comparable", Label(f, "Shell Oil", "Oil Shell", "legal_entity"));
    }

    [Fact]
    public void Entity_kind_level()
    {
        var f = new EntityKindFeature();
        Assert.Equal("both persons", Label(f, "Olaf Scholz", "Olaf Scholz"));
        Assert.Equal("both organisations", Label(f, "Siemens AG", "Siemens", "legal_entity"));
        Assert.Equal(IComparisonFeature.NotComparable, f.Compare(Clean("Olaf Scholz", "person"), Clean("Siemens AG", "legal_entity"), NoStatistics));
    }

    [Fact]
    public void Organisation_words_ladder()
    {
        var f = PartAlignmentFeature.Organisations();
        Assert.Equal("all parts equal", Label(f, "Philips Electronics N.V.", "PHILIPS ELECTRONICS", "legal_entity"));
        Assert.Equal("all paired, typos or sound-alikes", Label(f, "Trafalgar Shipping", "Trafalgar Shiping", "legal_entity"));
        Assert.Equal("all paired, an initial or nickname", Label(f, "U.S. Department of State", "United States Department of State", "legal_entity"));
        Assert.Equal("all parts equal", Label(f, "Brigade Forty-Four", "Brigade 44", "legal_entity"));
        Assert.Equal("one part conflicts, others equal", Label(f, "Government of Estonia", "Government of Ethiopia", "legal_entity"));
        Assert.Equal("all paired, an initial or nickname", Label(f, "SRL PRO TRAFFIC", "Societatea cu Răspundere Limitată PRO TRAFFIC", "legal_entity"));
        // Short organisation words are often acronyms: one letter more names another body.
        Assert.Equal("nothing paired or two or more parts conflict", Label(f, "N.A.B.C. Company", "A.B.C. Company", "legal_entity"));
        Assert.Equal("not comparable", Label(f, "Olaf Scholz", "Olaf Scholz"));
    }

    [Fact]
    public void Numbers_agree_however_written()
    {
        Assert.Equal(["44"], Clean("Brigade Forty-Four", "legal_entity").Numbers);
        Assert.Equal(["44"], Clean("Brigade Forty 4", "legal_entity").Numbers);
        Assert.Equal(["1"], Clean("1st International Bank", "legal_entity").Numbers);
        Assert.Equal(["1"], Clean("First International Bank", "legal_entity").Numbers);
        Assert.Equal(["120"], Clean("One Hundred Twenty Holdings", "legal_entity").Numbers);
        // A number word that cannot continue the number before it starts another.
        Assert.Equal(["11", "7"], Clean("Seven Eleven Inc", "legal_entity").Numbers);
        Assert.Equal(["11", "7"], Clean("7-Eleven Inc", "legal_entity").Numbers);
        Assert.Equal(["3"], Clean("KKR Asian Fund III", "legal_entity").Numbers);
        Assert.Equal(["3M"], Clean("3M Company", "legal_entity").Numbers);
        // A person's XI or V is a name or an initial, not a numeral.
        Assert.Empty(Clean("Xi Jinping", "person").Numbers);
        Assert.Empty(Clean("V. Putin", "person").Numbers);
        var numbers = new NumbersFeature();
        Assert.Equal(2, Level(numbers, "Brigade Forty-Four", "Brigade 44", "legal_entity"));
        Assert.Equal(0, Level(numbers, "KKR Asian Fund III", "KKR Asian Fund IV", "legal_entity"));
        // Numbers that differ veto a merge in the engine (ResolutionOptions.VetoLevels): FUND ONE and FUND TWO are two funds.
        Assert.Equal(0, Level(numbers, "Zeta Fund One", "Zeta Fund Two", "legal_entity"));
    }

    [Fact]
    public void Countries_named_in_organisation_names()
    {
        Assert.Equal(["MX"], CountryNames.Default.Mentioned(["BANCO", "SANTANDER", "MEXICO"]));
        Assert.Equal(["US"], CountryNames.Default.Mentioned(["UNITED", "STATES", "STEEL"]));
        Assert.Equal(["DE"], CountryNames.Default.Mentioned(["BAYER", "DEUTSCHLAND"]));
        Assert.Empty(CountryNames.Default.Mentioned(["ACME", "TOOLS"]));
        var f = new CountryMentionFeature();
        Assert.Equal("one name adds a country", Label(f, "Banco Santander S.A.", "Banco Santander México S.A.", "legal_entity"));
        Assert.Equal("different countries named", Label(f, "Government of Estonia", "Government of Ethiopia", "legal_entity"));
        Assert.Equal("same countries named", Label(f, "Bank of China", "BANK OF CHINA LTD", "legal_entity"));
        Assert.Equal("not comparable", Label(f, "Siemens AG", "Siemens", "legal_entity"));
    }
}
