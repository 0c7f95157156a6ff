import org.mlplab.nn.*;
import org.mlplab.optim.*;
import org.mlplab.train.*;
import org.mlplab.data.*;
import org.mlplab.diagnostics.*;
import org.mlplab.plot.*;
import org.mlplab.notebook.*;
import tech.tablesaw.api.*;
import static org.mlplab.nn.Activation.*;
