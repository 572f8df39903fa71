namespace KpiGrpc.Core.Validation;

/// <summary>Why one record cannot be stored: the field at fault and a sentence a person can act on.</summary>
public sealed record RecordViolation(string Field, string Reason);
