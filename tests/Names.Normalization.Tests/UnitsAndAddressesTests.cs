namespace Names.Normalization.Tests;

/// <summary>R20: affiliation fields "unit, parent, city, region, country" keyed by their parent organisation.</summary>
public class UnitsAndAddressesTests
{
    [Fact]
    public void The_parent_organisation_is_keyed_and_units_and_address_move_out()
    {
        var p = Shared.One("University of Michigan Medical School 1 Department of Cell and Developmental Biology, Ann Arbor, MI", "US");
        Assert.Equal("UNIVERSITY OF MICHIGAN", p.NameKey);
        Assert.Equal("Medical School; Department of Cell and Developmental Biology", p.OrgUnit);
        Assert.Equal("Ann Arbor, MI", p.Address);
        Assert.Equal("Ann Arbor", p.City);
        Assert.Equal("US", p.AddressCountry);
        Assert.Equal(EntityKind.LegalEntity, p.Kind);
        Assert.Contains("R20", p.Rules);
    }

    [Fact]
    public void A_unit_before_the_university_and_a_country_at_the_end()
    {
        var p = Shared.One("Department of Physiology, Perelman School of Medicine University of Pennsylvania, Philadelphia, PA, USA");
        Assert.Equal("UNIVERSITY OF PENNSYLVANIA", p.NameKey);
        Assert.Equal("Perelman School of Medicine; Department of Physiology", p.OrgUnit);
        Assert.Equal("Philadelphia", p.City);
        Assert.Equal("US", p.AddressCountry);
    }

    [Fact]
    public void Keeping_units_keys_the_unit_with_its_parent_and_still_moves_the_address()
    {
        var kept = Assert.Single(Shared.Normalizer.Normalize(
            new NameInput("University of Michigan Medical School 1 Department of Cell and Developmental Biology, Ann Arbor, MI", "US") { KeepUnits = true }));
        Assert.StartsWith("UNIVERSITY OF MICHIGAN MEDICAL SCHOOL", kept.NameKey);
        Assert.Contains("CELL", kept.NameKey);
        Assert.Equal("", kept.OrgUnit);
        Assert.Equal("Ann Arbor, MI", kept.Address);
        var other = Assert.Single(Shared.Normalizer.Normalize(new NameInput("University of Michigan Law School, Ann Arbor, MI", "US") { KeepUnits = true }));
        Assert.NotEqual(kept.NameKey, other.NameKey);
    }

    [Fact]
    public void A_campus_after_a_dash_is_an_address()
    {
        var campus = Shared.One("University of Michigan–Ann Arbor", "US");
        Assert.Equal(Shared.One("University of Michigan", "US").NameKey, campus.NameKey);
        Assert.Equal("Ann Arbor", campus.Address);
    }

    [Fact]
    public void A_hospital_is_the_parent_when_no_university_is_named()
    {
        var p = Shared.One("Massachusetts General Hospital, Harvard Medical School, Boston, MA");
        Assert.Equal("MASSACHUSETTS GENERAL HOSPITAL", p.NameKey);
        Assert.Equal("Harvard Medical School", p.OrgUnit);
    }

    [Fact]
    public void The_later_of_two_organisations_of_one_rank_is_the_parent_and_a_school_after_x_university_is_a_unit()
    {
        var institute = Shared.One("Academy of Military Medical Sciences, Institute of Microbiology");
        Assert.Equal(("INSTITUTE OF MICROBIOLOGY", "Academy of Military Medical Sciences"), (institute.NameKey, institute.OrgUnit));
        var stanford = Shared.One("Stanford University School of Medicine");
        Assert.Equal(("STANFORD UNIVERSITY", "School of Medicine"), (stanford.NameKey, stanford.OrgUnit));
    }

    [Theory]
    [InlineData("Ann Arbor, MI, USA", "only an address")]
    [InlineData("Department of Physics, Faculty of Science", "only an organisation unit")]
    [InlineData("1, 2", "only footnote numbers")]
    public void A_field_with_no_organisation_is_unknown_with_a_reason(string raw, string reason)
    {
        var p = Shared.One(raw);
        Assert.Equal(EntityKind.Unknown, p.Kind);
        Assert.StartsWith(reason, p.Problem);
    }

    [Theory]
    [InlineData("Laboratoire de psychologie", "LABORATORIES DE PSYCHOLOGIE")]
    [InlineData("Department of Mines and Petroleum", "DEPARTMENT OF MINES AND PETROLEUM")]
    [InlineData("ACME RESEARCH DEPT", "ACME")]
    [InlineData("Laboratory of DNA Repair, Research Centre of CHU de Québec", "RESEARCH CENTER OF CHU DE QUEBEC")]
    [InlineData("Siemens AG, München", "SIEMENS")]
    public void Names_that_look_like_units_stay_names_and_trailing_units_still_leave(string raw, string key)
    {
        var p = Shared.One(raw);
        Assert.Equal(key, p.NameKey);
        Assert.Equal("", p.Problem);
    }
}
