Console.WriteLine("kpi");
