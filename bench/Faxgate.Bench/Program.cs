Console.Error.WriteLine("faxgate bench: not written yet");
return 1;
