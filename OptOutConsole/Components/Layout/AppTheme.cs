using MudBlazor;

namespace OptOutConsole.Components.Layout;

/// <summary>The console's colours, light and dark.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#0f5e9c", Secondary = "#c2410c", AppbarBackground = "#0f5e9c" },
        PaletteDark = new PaletteDark { Primary = "#60a5fa", Secondary = "#fb923c" },
    };
}
