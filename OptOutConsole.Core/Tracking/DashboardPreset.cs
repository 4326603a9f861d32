namespace OptOutConsole.Core.Tracking;

/// <summary>The dashboard's date ranges: whole UTC days ending today, or a custom range.</summary>
public enum DashboardPreset
{
    Today,
    Days7,
    Days30,
    Days90,
    Custom,
}
