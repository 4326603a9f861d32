using OptOutConsole.DashboardBench;

// Dashboard performance at scale (docs/performance.md, "Dashboard"):
//   generate --events 10000000 --days 365 --out /tmp/dash.db   a database like a busy year of the webhook
//   measure --db /tmp/dash.db [--repeat 30]                      every dashboard query for 1/7/30/90/365 days
//   writer --db /tmp/dash-writer.db [--batch 64]                 the writer's statements with and without the counters
return args.FirstOrDefault() switch
{
    "generate" => await Generator.RunAsync(Options.Parse(args[1..])),
    "measure" => await Measurer.RunAsync(Options.Parse(args[1..])),
    "writer" => await WriterCost.RunAsync(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate --events N --days D --out FILE [--seed S] | measure --db FILE [--repeat R] | writer --db FILE [--messages N] [--batch B] [--rounds R]");
    return 2;
}
