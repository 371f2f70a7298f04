import { prepareFile } from "./prepare.js";
import { servePrepareRequests } from "./prepare-serve.js";

servePrepareRequests(prepareFile);
