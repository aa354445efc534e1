package io.tao4j.wallet;

import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordPurpose;
import io.tao4j.wallet.password.PasswordResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One keyfile on disk. Reads detect the format and decrypt with a password from a
 * {@link PasswordResolver}; writes are atomic (a temporary file in the same directory, fsync, then
 * a rename), with mode 0600 for the file and 0700 for directories created on the way.
 */
public final class Keyfile {
    private static final Logger log = LoggerFactory.getLogger(Keyfile.class);
    /** Attempts at a wrong password typed at a prompt before giving up. */
    public static final int PROMPT_ATTEMPTS = 3;

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public Keyfile(Path path) {
        this.path = Objects.requireNonNull(path);
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The raw bytes on disk. */
    public byte[] readBytes() {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WalletException("keyfile " + path + " does not exist");
        } catch (IOException e) {
            throw new WalletException("cannot read keyfile " + path + ": " + e.getMessage());
        }
    }

    public KeyfileFormat format() {
        return KeyfileFormat.detect(readBytes());
    }

    public boolean isEncrypted() {
        return exists() && format().isEncrypted();
    }

    /** The content of a plaintext keyfile (public files and unencrypted keys) without any password. */
    public KeyfileData readPlain() {
        byte[] data = readBytes();
        KeyfileFormat f = KeyfileFormat.detect(data);
        if (f.isEncrypted()) {
            throw new WalletException("keyfile " + path + " is encrypted (" + f.displayName()
                    + "); a password is needed to read it");
        }
        return KeyfileData.parse(data, "keyfile " + path);
    }

    /**
     * Reads the keyfile, decrypting it when needed with a password from {@code passwords}. A wrong
     * password typed at a prompt is asked for again (up to {@value #PROMPT_ATTEMPTS} times); a wrong
     * password from any other source fails at once.
     *
     * @throws WrongPasswordException when the password does not decrypt the file
     */
    public KeyfileData load(PasswordResolver passwords) {
        byte[] data = readBytes();
        KeyfileFormat f = KeyfileFormat.detect(data);
        if (!f.isEncrypted()) {
            return KeyfileData.parse(data, "keyfile " + path);
        }
        for (int attempt = 1; ; attempt++) {
            try (Password pw = passwords.resolve(path, PasswordPurpose.UNLOCK)) {
                byte[] plain;
                try {
                    plain = KeyfileCrypto.decrypt(data, pw, "keyfile " + path);
                } catch (WrongPasswordException e) {
                    if (pw.interactive() && attempt < PROMPT_ATTEMPTS) {
                        // the library does not write to the terminal itself: the CLI shows WARN lines on stderr
                        log.warn("wrong password for {}, try again ({} of {} attempts left)", path,
                                PROMPT_ATTEMPTS - attempt, PROMPT_ATTEMPTS);
                        continue;
                    }
                    throw e;
                }
                try {
                    return KeyfileData.parse(plain, "keyfile " + path);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            }
        }
    }

    /**
     * Writes {@code data}, encrypted as {@code $NACL} when {@code password} is not null.
     *
     * @throws KeyfileExistsException when the file exists and {@code overwrite} is false
     */
    public void save(KeyfileData data, Password password, boolean overwrite) {
        byte[] json = data.toJson();
        try {
            byte[] bytes = password == null ? json : KeyfileCrypto.encryptNacl(json, password);
            writeBytes(bytes, overwrite);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /** Atomically writes raw bytes with mode 0600, creating parent directories with mode 0700. */
    public void writeBytes(byte[] bytes, boolean overwrite) {
        if (!overwrite && Files.exists(path)) {
            throw new KeyfileExistsException("keyfile " + path + " already exists; pass --overwrite to replace it"
                    + " (make sure you have its mnemonic first)");
        }
        Path dir = path.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path tmp = dir.resolve("." + path.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            FileAttribute<Set<PosixFilePermission>> mode = posix(dir)
                    ? PosixFilePermissions.asFileAttribute(FILE_MODE) : null;
            try (FileChannel ch = mode == null
                    ? FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, FILE_MODE); // exactly 0600 whatever the umask
            }
            if (!overwrite) {
                try {
                    Files.createLink(path, tmp); // fails if a file appeared meanwhile: never replace one
                    Files.delete(tmp);
                } catch (FileAlreadyExistsException e) {
                    throw new KeyfileExistsException("keyfile " + path + " already exists; pass --overwrite to"
                            + " replace it");
                } catch (UnsupportedOperationException | IOException e) {
                    moveAtomically(tmp); // no hard links here: plain atomic rename after the check above
                }
            } else {
                moveAtomically(tmp);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new WalletException("cannot write keyfile " + path + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover temp file holds no more than the key we were writing
            }
        }
    }

    private void moveAtomically(Path tmp) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can fsync a directory; the rename itself is still atomic
        }
    }

    /** Creates missing directories with mode 0700 (existing ones are left as they are). */
    static void createPrivateDirectories(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            if (posix(parent == null ? dir : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                Files.setPosixFilePermissions(dir, DIR_MODE);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new WalletException(dir + " exists and is not a directory");
            }
        } catch (IOException e) {
            throw new WalletException("cannot create directory " + dir + ": " + e.getMessage());
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "Keyfile[" + path + "]";
    }
}
