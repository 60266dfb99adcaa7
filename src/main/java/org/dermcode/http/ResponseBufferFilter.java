package org.dermcode.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Collects a FHIR response in memory and sends it in one write with a {@code Content-Length}.
 * HAPI writes a JSON body in dozens of small pieces and flushes; through Tomcat each flush becomes a
 * chunk on the wire. A body larger than {@code limit} bytes (a big Bundle) is not held back: the
 * bytes so far are sent and the rest streams as before (chunked). HEAD requests pass through
 * untouched; a response without a body (304, 204) gets no Content-Length from here. Compression by
 * Tomcat ({@code server.compression.*}) happens below this filter and still applies; so does HAPI's
 * own gzip, which writes bytes through {@link #getOutputStream}.
 */
public final class ResponseBufferFilter extends OncePerRequestFilter {

    private final int limit;

    public ResponseBufferFilter(int limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (limit <= 0 || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        BufferedResponse buffered = new BufferedResponse(response, limit);
        chain.doFilter(request, buffered);
        buffered.finish();
    }

    /** The response wrapper: a byte buffer up to {@code limit}, then pass-through. */
    static final class BufferedResponse extends HttpServletResponseWrapper {

        private final HttpServletResponse real;
        private final int limit;
        private byte[] buffer = new byte[4096];
        private int count;
        private boolean spilled;
        private Stream stream;
        private PrintWriter writer;

        BufferedResponse(HttpServletResponse real, int limit) {
            super(real);
            this.real = real;
            this.limit = limit;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called");
            }
            if (stream == null) {
                stream = new Stream();
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                if (stream != null) {
                    throw new IllegalStateException("getOutputStream() has already been called");
                }
                stream = new Stream();
                String encoding = real.getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                writer = new PrintWriter(new OutputStreamWriter(stream, charset), false);
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (spilled) {
                real.flushBuffer();
            }
        }

        @Override
        public void resetBuffer() {
            if (!spilled) {
                count = 0;
            }
            real.resetBuffer();
        }

        @Override
        public void reset() {
            if (!spilled) {
                count = 0;
            }
            real.reset();
        }

        @Override
        public boolean isCommitted() {
            return spilled || real.isCommitted();
        }

        /** Sends what is held, with its length, unless it has already been streamed. */
        void finish() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (spilled) {
                return;
            }
            if (count > 0 && !real.isCommitted()) {
                real.setContentLength(count);
                real.getOutputStream().write(buffer, 0, count);
            } else if (count > 0) {
                real.getOutputStream().write(buffer, 0, count);
            }
            count = 0;
        }

        private void spill() throws IOException {
            spilled = true;
            real.getOutputStream().write(buffer, 0, count);
            count = 0;
            buffer = null;
        }

        private final class Stream extends ServletOutputStream {

            @Override
            public void write(int b) throws IOException {
                if (spilled) {
                    real.getOutputStream().write(b);
                    return;
                }
                if (count + 1 > limit) {
                    spill();
                    real.getOutputStream().write(b);
                    return;
                }
                ensure(count + 1);
                buffer[count++] = (byte) b;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (spilled) {
                    real.getOutputStream().write(bytes, offset, length);
                    return;
                }
                if (count + length > limit) {
                    spill();
                    real.getOutputStream().write(bytes, offset, length);
                    return;
                }
                ensure(count + length);
                System.arraycopy(bytes, offset, buffer, count, length);
                count += length;
            }

            private void ensure(int size) {
                if (size > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(size, Math.min(limit, buffer.length * 2)));
                }
            }

            @Override
            public void flush() throws IOException {
                if (spilled) {
                    real.getOutputStream().flush();
                }
            }

            @Override
            public void close() throws IOException {
                // the filter sends the body after the chain; closing early would cut it off
                flush();
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("No asynchronous writes through the response buffer");
            }
        }
    }
}
