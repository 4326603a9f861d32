namespace OptOutConsole.Core.BlockList;

/// <summary>An import file went past <see cref="BlockListImporter.MaxFileBytes"/>; the batches before it stay committed.</summary>
public sealed class ImportTooLargeException(long maxBytes)
    : Exception($"The file is larger than {maxBytes / (1024 * 1024)} MiB; split it and import the parts.")
{
    public long MaxBytes { get; } = maxBytes;
}
