// Helpers for the service editor, loaded as a module (no <script> tag in App.razor needed).

// Saves a .NET stream (DotNetStreamReference) as a file download.
export async function downloadFromStream(fileName, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
}

// Scrolls the field a problem names into view and focuses it (or the first input inside it).
export function reveal(id) {
    const el = document.getElementById(id);
    if (!el) {
        return;
    }
    el.scrollIntoView({ block: 'center' });
    const target = el.matches('input, textarea, button') ? el : el.querySelector('input, textarea, button');
    (target ?? el).focus?.();
}
