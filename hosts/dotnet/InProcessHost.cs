// A .NET host for the in-process transport: it loads CPython into its own process through
// pythonnet and makes the pythonnet calls the AwsTokenBridge module makes
// (module/Private/InProcessTransport.ps1), then exposes the backend on its own stdin and
// stdout as NDJSON, so the tests can drive it like the stdio backend (tests/inprocess/).
//
//   dotnet InProcessHost.dll stream|call <libpython> <python executable> [<sys.path folder>...]
//
// stream: the module's way. py_backend.rpc.inprocess_dotnet.connect() returns a TextWriter
//         and a TextReader; each stdin line is written to the writer, and a pump thread copies
//         the reader's lines (ReadLineAsync, then short Wait()s, as Read-AwsTokenBridgeLine
//         does) to stdout. The end of stdin closes the writer, which ends the reader; the line
//         "#reconnect" closes this connection and opens a new one.
// call:   the line entry point. Each stdin line goes to py_backend.rpc.inprocess.call() on a
//         thread of its own, with a .NET delegate as the notification callback (called from
//         Python's worker threads); the answer lines it returns are written to stdout.
//
// Exit codes: 0 at the end of input, 2 for a usage error, 3 when Python or the backend could
// not be loaded (the reason on stderr).
//
// It runs on .NET (CoreCLR), the runtime PowerShell 7 runs on; pythonnet's calls into Python
// are native calls there, so a thread waiting for the GIL never holds up a garbage collection.
//
// Build: dotnet build InProcessHost.csproj -p:PythonRuntimeDll=<pythonnet's Python.Runtime.dll>

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Python.Runtime;

public static class InProcessHost
{
    const string StreamModule = "py_backend.rpc.inprocess_dotnet";
    const string CallModule = "py_backend.rpc.inprocess";
    const int PollMilliseconds = 100;

    static readonly object OutputLock = new object();
    static readonly TextWriter Output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));

    public static int Main(string[] args)
    {
        if (args.Length < 3 || (args[0] != "stream" && args[0] != "call"))
        {
            Console.Error.WriteLine("usage: InProcessHost stream|call <libpython> <python executable> [<sys.path folder>...]");
            return 2;
        }
        var folders = new string[args.Length - 3];
        Array.Copy(args, 3, folders, 0, folders.Length);
        PyObject entry;
        try
        {
            entry = StartPython(args[1], args[2], folders, args[0] == "stream" ? StreamModule : CallModule);
        }
        catch (Exception error)
        {
            Console.Error.WriteLine("the in-process backend could not be loaded: " + error.GetType().Name + ": " + error.Message);
            return 3;
        }
        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        int code = args[0] == "stream" ? RunStream(entry, input) : RunCall(entry, input);
        Exit(code);
        return code;
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void ExitNow(int code);

    // Everything is written by now. An orderly exit would finalize Python while its worker
    // threads (daemon threads, parked in Python waits) may still call into .NET; PowerShell does
    // not exit that way either: the process ends with Python in it.
    static void Exit(int code)
    {
        Console.Error.Flush();
        try
        {
            ExitNow(code);
        }
        catch (DllNotFoundException)
        {
            Environment.Exit(code);
        }
        catch (EntryPointNotFoundException)
        {
            Environment.Exit(code);
        }
    }

    // Initialize-AwsTokenBridgeInProcess: the library, the interpreter (the executable's
    // pyvenv.cfg makes it a virtual environment's), once; then the GIL only around calls.
    static PyObject StartPython(string pythonDll, string programName, string[] folders, string module)
    {
        Runtime.PythonDLL = pythonDll;
        PythonEngine.ProgramName = programName;
        PythonEngine.Initialize();
        PythonEngine.BeginAllowThreads();
        using (Py.GIL())
        {
            PyObject sys = Py.Import("sys");
            var path = new PyList(sys.GetAttr("path"));
            for (int i = folders.Length - 1; i >= 0; i--)
            {
                path.Insert(0, new PyString(folders[i]));
            }
            // This host's stdout carries the protocol: print() in Python must not reach it.
            sys.SetAttr("stdout", sys.GetAttr("stderr"));
            return Py.Import(module);
        }
    }

    // Start-AwsTokenBridgeInProcessTransport, then what the module's request code does with
    // the connection's Writer and Reader. The input line "#reconnect" does what the module's
    // Stop-AwsTokenBridgeBackend and its next start do: close the writer, read the reader to
    // its end, and connect again (in the same process, to a new backend session).
    static int RunStream(PyObject entry, TextReader input)
    {
        TextWriter writer;
        Thread pump = Connect(entry, out writer);
        string line;
        while ((line = input.ReadLine()) != null)
        {
            if (line == "#reconnect")
            {
                writer.Close();
                pump.Join();
                pump = Connect(entry, out writer);
                continue;
            }
            writer.Write(line + "\n");
            writer.Flush();
        }
        writer.Close();
        pump.Join();
        return 0;
    }

    static Thread Connect(PyObject entry, out TextWriter writer)
    {
        TextReader reader;
        using (Py.GIL())
        {
            string level = Environment.GetEnvironmentVariable("AWSTB_LOG_LEVEL");
            PyObject pair = string.IsNullOrEmpty(level)
                ? entry.InvokeMethod("connect")
                : entry.InvokeMethod("connect", new PyString(level));
            writer = (TextWriter)pair.GetItem(0).AsManagedObject(typeof(TextWriter));
            reader = (TextReader)pair.GetItem(1).AsManagedObject(typeof(TextReader));
        }
        // From here on no thread of this host takes the GIL itself: the writer's and reader's
        // Python overrides take it for the length of each call, as in PowerShell.
        var pump = new Thread(() => Pump(reader));
        pump.Start();
        return pump;
    }

    static void Pump(TextReader reader)
    {
        while (true)
        {
            Task<string> next = reader.ReadLineAsync();
            while (!next.Wait(PollMilliseconds))
            {
            }
            if (next.Result == null)
            {
                return;
            }
            Emit(next.Result);
        }
    }

    static int RunCall(PyObject entry, TextReader input)
    {
        Action<string> notify = Emit;
        PyObject callback;
        using (Py.GIL())
        {
            callback = notify.ToPython();
        }
        var calls = new List<Thread>();
        string line;
        while ((line = input.ReadLine()) != null)
        {
            if (line == "#reconnect")
            {
                continue; // the shared session replaces itself after a shutdown
            }
            string request = line;
            var thread = new Thread(() => Call(entry, callback, request));
            thread.Start();
            calls.Add(thread);
        }
        foreach (Thread thread in calls)
        {
            thread.Join();
        }
        return 0;
    }

    static void Call(PyObject entry, PyObject callback, string line)
    {
        var answers = new List<string>();
        using (Py.GIL())
        {
            // call() waits in Python (an event), which lets the GIL go while it waits.
            PyObject result = entry.InvokeMethod("call", new PyString(line), callback);
            long count = result.Length();
            for (int i = 0; i < count; i++)
            {
                answers.Add(result.GetItem(i).ToString());
            }
        }
        foreach (string answer in answers)
        {
            Emit(answer);
        }
    }

    static void Emit(string line)
    {
        lock (OutputLock)
        {
            Output.Write(line + "\n");
            Output.Flush();
        }
    }
}
