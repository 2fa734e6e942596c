namespace Faxgate.Storage.Crypto;

/// <summary>
/// The server key file: one line of base64 text, readable by its owner only. Created on first use, atomically (written
/// to a private temporary file and linked into place without replacing anything), so two servers starting at once on
/// one data folder end up with the same key.
/// </summary>
internal static class ServerKeyFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key file's text, creating the file with a new key when there is none.</summary>
    public static string ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode;
            try
            {
                mode = File.GetUnixFileMode(path);
            }
            catch (IOException exception)
            {
                throw new StorageConfigurationException($"cannot read the server key file {path}: {exception.Message}", exception);
            }

            if ((mode & GroupOrOthers) != 0)
            {
                throw new StorageConfigurationException(
                    $"the server key file {path} may be read by group or others (mode {Convert.ToString((int)mode, 8)}): run 'chmod 600 {path}' and keep it out of backups");
            }
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            throw new StorageConfigurationException($"cannot read the server key file {path}: {exception.Message}", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new StorageConfigurationException($"cannot read the server key file {path}: {exception.Message}", exception);
        }
    }

    private static void Create(string path)
    {
        string folder = Path.GetDirectoryName(path) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(ServerKey.NewKeyText());
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another server created the key first: use theirs.
            }
        }
        catch (IOException exception)
        {
            throw new StorageConfigurationException($"cannot create the server key file {path}: {exception.Message}", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new StorageConfigurationException($"cannot create the server key file {path}: {exception.Message}", exception);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
