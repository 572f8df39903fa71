using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Computing;

/// <summary>Which of a batch's distinct campaign, operator and team ids pass validation: each is checked once per batch.</summary>
internal readonly struct BatchIds
{
    private readonly bool[] _required;
    private readonly bool[] _optional;

    public BatchIds(IReadOnlyList<string> ids)
    {
        _required = new bool[ids.Count];
        _optional = new bool[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            _required[i] = RecordValidator.IsValidRequiredId(ids[i]);
            _optional[i] = RecordValidator.IsValidOptionalId(ids[i]);
        }
    }

    /// <summary>True when the campaign and operator pass as required ids and the team (-1: none) as optional.</summary>
    public bool AreValid(int campaign, int team, int @operator) =>
        _required[campaign] && _required[@operator] && (team < 0 || _optional[team]);
}
