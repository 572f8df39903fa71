using KpiGrpc.Core.Kpis;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Options;

/// <summary>Reports every mistake in the benchmark settings at once, so one restart fixes them all.</summary>
public sealed class BenchmarkOptionsValidator : IValidateOptions<BenchmarkOptions>
{
    public ValidateOptionsResult Validate(string? name, BenchmarkOptions options)
    {
        var errors = new List<string>();
        CheckSample(BenchmarkOptions.SectionName, options.MinimumSample, errors);
        CheckKpis(BenchmarkOptions.SectionName, options.Kpis, errors);
        foreach (var (campaignId, campaign) in options.Campaigns)
        {
            var path = $"{BenchmarkOptions.SectionName}:Campaigns:{campaignId}";
            CheckSample(path, campaign.MinimumSample, errors);
            CheckKpis(path, campaign.Kpis, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckSample(string path, int? minimumSample, List<string> errors)
    {
        if (minimumSample is < 1)
        {
            errors.Add($"{path}:MinimumSample must be 1 or more.");
        }
    }

    private static void CheckKpis(string path, Dictionary<string, KpiBoundsOptions> kpis, List<string> errors)
    {
        foreach (var (key, bounds) in kpis)
        {
            var at = $"{path}:Kpis:{key}";
            if (KpiCatalogue.Find(key) is null)
            {
                errors.Add($"{at}: unknown KPI; use one of {string.Join(", ", KpiCatalogue.All.Select(kpi => kpi.Field))}.");
            }

            double?[] values = [bounds.GoodAtLeast, bounds.GoodAtMost, bounds.BadBelow, bounds.BadAbove];
            if (values.All(value => value is null))
            {
                errors.Add($"{at}: set at least one of GoodAtLeast, GoodAtMost, BadBelow, BadAbove.");
            }

            if (values.Any(value => value is { } v && !double.IsFinite(v)))
            {
                errors.Add($"{at}: bounds must be finite numbers.");
            }

            if (bounds.GoodAtLeast > bounds.GoodAtMost)
            {
                errors.Add($"{at}: GoodAtLeast ({bounds.GoodAtLeast}) is above GoodAtMost ({bounds.GoodAtMost}).");
            }

            if (bounds.BadBelow > bounds.BadAbove)
            {
                errors.Add($"{at}: BadBelow ({bounds.BadBelow}) is above BadAbove ({bounds.BadAbove}).");
            }
        }
    }
}
