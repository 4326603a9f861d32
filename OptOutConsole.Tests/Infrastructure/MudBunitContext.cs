using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace OptOutConsole.Tests.Infrastructure;

/// <summary>A bUnit context ready for MudBlazor components: loose JS interop and MudBlazor's services.</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
