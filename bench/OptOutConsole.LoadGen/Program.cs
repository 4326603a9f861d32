using OptOutConsole.LoadGen;

// Load tools for the inbound webhook (docs/performance.md, "Webhook"):
//   prepare  signed Twilio requests for wrk (bench/webhook-load/webhook.lua)
//   verify   after a run: events stored = 2xx answers with a keyword match; block list = replay of the events
//   crash    SIGKILL the server during a load, restart it, check every acknowledged message is stored
return args.FirstOrDefault() switch
{
    "prepare" => Prepare.Run(Options.Parse(args[1..])),
    "verify" => Verify.Run(Options.Parse(args[1..])),
    "crash" => await Crash.RunAsync(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: prepare --url URL --token T --sid MG... --count N --out FILE [--seed S]");
    Console.Error.WriteLine("       verify --db FILE --sid MG... [--matched N]");
    Console.Error.WriteLine("       crash --dll OptOutConsole.dll --db FILE --port P --token T [--seconds S] [--workers W]");
    return 2;
}
