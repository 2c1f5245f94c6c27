using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Crypt.Bench;

/// <summary>
/// Mean time divided by the <c>Leaves</c> parameter: flat from 10k to 1M leaves means no
/// step grows faster than the file.
/// </summary>
internal sealed class PerLeafColumn : IColumn
{
    public string Id => nameof(PerLeafColumn);

    public string ColumnName => "ns/leaf";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per leaf (Mean / Leaves), in nanoseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        BenchmarkReport? report = summary[benchmarkCase];
        object? leaves = benchmarkCase.Parameters["Leaves"];
        if (report?.ResultStatistics is not { } statistics || leaves is not int count)
        {
            return "-";
        }

        return (statistics.Mean / count).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
