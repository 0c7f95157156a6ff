package org.mlplab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (unsigned bytes), gzipped or not, and the
 * Fashion-MNIST directory layout ({@code train-images-idx3-ubyte[.gz]} and friends; Debian's
 * {@code dataset-fashion-mnist} installs them in {@value #DEBIAN_FASHION_MNIST}).
 */
public final class Idx {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    /** Fashion-MNIST's ten classes, in label order. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Idx() {
    }

    /** The dimensions and the bytes of one IDX file. */
    record Array(int[] dims, byte[] data) {
        int count() {
            return dims[0];
        }

        int itemSize() {
            return Arrays.stream(dims).skip(1).reduce(1, (a, b) -> a * b);
        }
    }

    /**
     * Fashion-MNIST from {@code dir}: the 60 000 training and 10 000 test images as datasets with
     * 784 features scaled to [0, 1] and the ten class names. The pixels stay bytes in memory (an
     * eighth of what {@code double} values take) and read back as {@code byte / 255.0}.
     *
     * @param limit at most this many rows of each part (the first ones), or 0 for all
     * @throws IOException naming the file for a missing, truncated or foreign file
     */
    public static Split fashionMnist(Path dir, int limit) throws IOException {
        return new Split(images(dir, "train", limit), null, images(dir, "t10k", limit));
    }

    /** Fashion-MNIST from Debian's directory; see {@link #fashionMnist(Path, int)}. */
    public static Split fashionMnist(int limit) throws IOException {
        return fashionMnist(Path.of(DEBIAN_FASHION_MNIST), limit);
    }

    private static Dataset images(Path dir, String part, int limit) throws IOException {
        Array images = read(find(dir, part + "-images-idx3-ubyte"), 0x0803);
        Array labels = read(find(dir, part + "-labels-idx1-ubyte"), 0x0801);
        if (images.count() != labels.count()) {
            throw new IOException(dir + ": " + part + " has " + images.count() + " images but " + labels.count()
                    + " labels");
        }
        int rows = limit > 0 ? Math.min(limit, images.count()) : images.count();
        int width = images.itemSize();
        double[] levels = new double[256];
        for (int level = 0; level < levels.length; level++) {
            levels[level] = level / 255.0;
        }
        byte[] pixels = rows == images.count() ? images.data() : Arrays.copyOf(images.data(), rows * width);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = labels.data()[i] & 0xFF;
        }
        return Dataset.classificationOfBytes(pixels, levels, width, y, FASHION_CLASSES);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (Path candidate : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("neither " + name + ".gz nor " + name + " is in " + dir
                + (dir.toString().equals(DEBIAN_FASHION_MNIST) ? " (install Debian's or Ubuntu's dataset-fashion-mnist, or put "
                + "Fashion-MNIST's four IDX files in a directory and call Idx.fashionMnist(Path.of(dir), limit))" : ""));
    }

    /**
     * Reads one IDX file of unsigned bytes.
     *
     * @param expectedMagic {@code 0x0801} for labels, {@code 0x0803} for images
     * @throws IOException for a wrong magic number or a truncated file, naming the file
     */
    static Array read(Path file, int expectedMagic) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
                int magic = in.readInt();
                if (magic != expectedMagic) {
                    throw new IOException(file + " is not an IDX file of unsigned bytes with " + (expectedMagic & 0xFF)
                            + " dimension(s): its magic number is 0x" + Integer.toHexString(magic) + ", expected 0x"
                            + Integer.toHexString(expectedMagic));
                }
                int[] dims = new int[magic & 0xFF];
                long size = 1;
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = in.readInt();
                    size *= dims[i];
                }
                if (size > Integer.MAX_VALUE || size < 0) {
                    throw new IOException(file + " declares " + size + " values: too many for one array");
                }
                byte[] data = new byte[(int) size];
                try {
                    in.readFully(data);
                } catch (EOFException e) {
                    throw new IOException(file + " is truncated: it declares " + Arrays.toString(dims) + " = " + size
                            + " bytes of data", e);
                }
                return new Array(dims, data);
            }
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: its header is incomplete", e);
        }
    }
}
