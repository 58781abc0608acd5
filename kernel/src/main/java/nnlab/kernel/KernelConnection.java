package nnlab.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;

/**
 * The base library names a failed cell's error after the Java class thrown out of {@code eval} and attaches
 * that exception's stack to the reply. This connection rewrites both: the error is named after what the
 * student's code threw ({@code java.lang.ArithmeticException}) and carries the readable traceback.
 */
final class KernelConnection extends JupyterConnection {
    private final Supplier<CellError> lastError;

    /** @param lastError the error of the cell being answered (read while its reply is sent) */
    KernelConnection(KernelConnectionProperties props, Supplier<CellError> lastError)
            throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.lastError = lastError;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new ReplyEnvironment(shell, context);
    }

    private final class ReplyEnvironment extends ShellReplyEnvironment {
        ReplyEnvironment(ShellChannel shell, MessageContext context) {
            super(shell, KernelConnection.this.stdin, KernelConnection.this.iopub, context);
        }

        @Override
        public void publish(Message<?> msg) {
            CellError error = lastError.get();
            if (error != null && msg.getContent() instanceof PublishError published && isOurs(published.getErrorName())) {
                super.publish(new Message<>(getContext(), PublishError.MESSAGE_TYPE,
                        new PublishError(error.errorName(), error.getMessage(), published.getStacktrace())));
            } else {
                super.publish(msg);
            }
        }

        @Override
        public void replyError(MessageType<?> type, ErrorReply reply) {
            CellError error = lastError.get();
            if (error != null && isOurs(reply.getErrorName())) {
                ErrorReply ours = new ErrorReply(error.errorName(), error.getMessage(), error.traceback());
                ours.setExecutionCount(error.executionCount());
                super.replyError(type, ours);
            } else {
                super.replyError(type, reply);
            }
        }

        private boolean isOurs(String errorName) {
            return CellError.class.getSimpleName().equals(errorName);
        }
    }

}
